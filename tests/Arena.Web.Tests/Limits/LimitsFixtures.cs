using System.Globalization;
using Arena.Web.Tests.Hosting;

namespace Arena.Web.Tests.Limits;

/// <summary>The small limits the rate-limit tests run under: two per session and three per address for every action, over an hour.</summary>
public static class TestLimits
{
    public const int PerSession = 2;
    public const int PerAddress = 3;

    /// <summary>Settings for every rate rule and the event streams, behind a known proxy on loopback, plus <paramref name="more"/>.</summary>
    public static Dictionary<string, string> Settings(bool loopbackIsProxy, Dictionary<string, string>? more = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Arena:Assistant:Model"] = "sim-assistant",
            ["Arena:RateLimits:EventStreams:PerSession"] = Invariant(PerSession),
            ["Arena:RateLimits:EventStreams:PerAddress"] = Invariant(PerAddress),
        };
        foreach (var rule in new[] { "Starts", "Votes", "FollowUps", "Regenerates", "Uploads", "Route", "Export", "AssistantMessages" })
        {
            settings[$"Arena:RateLimits:{rule}:PerSession"] = Invariant(PerSession);
            settings[$"Arena:RateLimits:{rule}:PerAddress"] = Invariant(PerAddress);
            // An hour: the counts cannot lapse during a test, however slow the machine.
            settings[$"Arena:RateLimits:{rule}:Window"] = "01:00:00";
        }

        if (loopbackIsProxy)
        {
            settings["Arena:ForwardedHeaders:KnownProxies:0"] = "127.0.0.1";
        }

        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>
    /// A client address of its own for each test (TEST-NET ranges), so tests sharing a host do not share a partition:
    /// numbered, not drawn at random, since two random draws among 65,000 addresses do meet now and then.
    /// </summary>
    public static string NewAddress()
    {
        var n = Interlocked.Increment(ref _addresses);
        return $"198.51.{Invariant(n / 254 % 256)}.{Invariant((n % 254) + 1)}";
    }

    private static int _addresses;

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// A limited host behind a known proxy (loopback) whose simulated models are slowed 500-fold, so battles and
/// assistant turns keep answering (and their event streams stay open) for the length of a test.
/// Caps: one open battle, one regenerate per turn, one assistant turn per conversation.
/// </summary>
public sealed class SlowLimitsFixture : IAsyncLifetime
{
    public KestrelArena Arena { get; } = new(timeScale: 500, TestLimits.Settings(loopbackIsProxy: true, new()
    {
        ["Arena:RateLimits:OpenBattlesPerSession"] = "1",
        ["Arena:RateLimits:RegeneratesPerTurn"] = "1",
        ["Arena:RateLimits:AssistantTurnsPerConversation"] = "1",
        // The slowed models take 50 s to a first token; a loaded machine must not time them out while a test holds their streams.
        ["Arena:Generation:FirstTokenTimeout"] = "00:10:00",
        ["Arena:Generation:IdleTokenTimeout"] = "00:10:00",
    }));

    public Task InitializeAsync() => Arena.StartAsync();

    public async Task DisposeAsync() => await Arena.DisposeAsync();
}

/// <summary>A limited host behind a known proxy (loopback) with fast models, for caps that need finished battles: one vote per session per day.</summary>
public sealed class FastLimitsFixture : IAsyncLifetime
{
    public KestrelArena Arena { get; } = new(timeScale: 0.02, TestLimits.Settings(loopbackIsProxy: true, new()
    {
        ["Arena:RateLimits:VotesPerSessionPerDay"] = "1",
        ["Arena:RateLimits:OpenBattlesPerSession"] = "0",
    }));

    public Task InitializeAsync() => Arena.StartAsync();

    public async Task DisposeAsync() => await Arena.DisposeAsync();
}

/// <summary>A limited host that knows no proxy: forwarded headers from its peers must change nothing.</summary>
public sealed class NoProxyLimitsFixture : IAsyncLifetime
{
    public KestrelArena Arena { get; } = new(timeScale: 0.02, TestLimits.Settings(loopbackIsProxy: false));

    public Task InitializeAsync() => Arena.StartAsync();

    public async Task DisposeAsync() => await Arena.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SlowLimitsCollection : ICollectionFixture<SlowLimitsFixture>
{
    public const string Name = "Limited host, slowed models";
}
