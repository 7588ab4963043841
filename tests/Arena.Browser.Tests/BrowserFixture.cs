using Microsoft.Playwright;

namespace Arena.Browser.Tests;

/// <summary>One Arena server and one headless chromium, shared by the browser tests.</summary>
public class BrowserFixture : IAsyncLifetime
{
    public BrowserFixture()
        : this(null)
    {
    }

    /// <summary>For fixtures whose Arena needs extra configuration (xunit wants one public constructor).</summary>
    protected BrowserFixture(IReadOnlyDictionary<string, string>? settings) => Server = new ArenaServer(settings);

    private const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    /// <summary>The running Arena.</summary>
    public ArenaServer Server { get; }

    /// <summary>Debian's chromium, driven by Playwright.</summary>
    public IBrowser Browser { get; private set; } = default!;

    public virtual async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing; install chromium: apt-get install -y chromium");
        }

        // Waits are on explicit conditions; this is only the ceiling for a condition that never comes.
        Assertions.SetDefaultExpectTimeout(30_000);

        Server.Start();
        await EnsureServesHomeAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    // A server that cannot render the home page fails every test the same way; say why once, plainly.
    private async Task EnsureServesHomeAsync()
    {
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        using var response = await http.GetAsync(new Uri("/", UriKind.Relative));
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync();
            throw new InvalidOperationException($"Arena answered GET / with {(int)response.StatusCode}: {body[..Math.Min(body.Length, 2000)]}");
        }
    }

    /// <summary>A fresh browser context (its own cookies, so its own Arena session) and a page in it.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800, bool isMobile = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            IsMobile = isMobile,
            HasTouch = isMobile,
            DeviceScaleFactor = 1,
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public virtual async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>
/// The leaderboard views' tests get a server of their own: they cast many votes, which would upset the
/// vote counts the battle journey expects from a fresh server.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LeaderboardCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "leaderboard";
}

/// <summary>An Arena whose simulated models all fail part-way through every answer.</summary>
public sealed class FailingModelsFixture() : BrowserFixture(new Dictionary<string, string> { ["Arena:Simulator:Failures:MidStreamErrorRate"] = "1" });

[CollectionDefinition(Name)]
public sealed class FailingModelsCollection : ICollectionFixture<FailingModelsFixture>
{
    public const string Name = "browser, failing models";
}

/// <summary>An Arena whose vote calls never wait for the leaderboard: every vote answers "recorded, the reveal follows".</summary>
public sealed class SlowRevealFixture() : BrowserFixture(new Dictionary<string, string> { ["Arena:Ratings:RevealWait"] = "00:00:00" });

[CollectionDefinition(Name)]
public sealed class SlowRevealCollection : ICollectionFixture<SlowRevealFixture>
{
    public const string Name = "browser, reveal after the vote answer";
}
