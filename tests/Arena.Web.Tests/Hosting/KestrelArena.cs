using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Arena.Web.Tests.Hosting;

/// <summary>
/// Arena.Web (an <see cref="ArenaWebFactory"/>) on a real Kestrel socket on 127.0.0.1, so requests have a real peer
/// address for the limits and the forwarded headers, with its own temp data directory. The rate limits are on
/// unless <paramref name="settings"/> say otherwise.
/// </summary>
public sealed class KestrelArena : IAsyncDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "arena-web-kestrel-" + Guid.NewGuid().ToString("N"));

    public KestrelArena(double timeScale, IReadOnlyDictionary<string, string> settings)
    {
        var all = new Dictionary<string, string> { ["Arena:RateLimits:Enabled"] = "true" };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        Directory.CreateDirectory(_dataDirectory);
        Factory = new ArenaWebFactory(_dataDirectory, timeScale, ArenaHost.MaxPromptChars, all);
        Factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public ArenaWebFactory Factory { get; }

    /// <summary>The host's services.</summary>
    public IServiceProvider Services => Factory.Services;

    /// <summary>Where Kestrel listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>Starts a host with the simulator at a fiftieth of its latencies.</summary>
    public static async Task<KestrelArena> StartAsync(Dictionary<string, string> settings)
    {
        var arena = new KestrelArena(0.02, settings);
        try
        {
            await arena.StartAsync();
            return arena;
        }
        catch
        {
            await arena.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the host and learns its port.</summary>
    public async Task StartAsync()
    {
        await Factory.StartAsync();
        var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    /// <summary>A client that keeps no cookies, sending <paramref name="sessionCookie"/> as its session cookie when given.</summary>
    public HttpClient CreateClient(string? sessionCookie = null)
    {
        var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = BaseAddress };
        if (sessionCookie is not null)
        {
            http.DefaultRequestHeaders.Add("Cookie", $"{ArenaWebFactory.SessionCookieName}={sessionCookie}");
        }

        return http;
    }

    /// <summary>
    /// A client over real HTTP. With <paramref name="cookies"/> it keeps its session cookie (one session); without,
    /// every request is a new session. <paramref name="forwardedFor"/> is sent as X-Forwarded-For.
    /// </summary>
    public HttpClient Client(bool cookies = true, string? forwardedFor = null)
    {
        var http = new HttpClient(new SocketsHttpHandler { UseCookies = cookies, CookieContainer = new CookieContainer() })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(100),
        };
        if (forwardedFor is not null)
        {
            http.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        }

        return http;
    }

    /// <summary>
    /// A client that keeps one session: its first request (not limited) sets the cookie, since a refused request's
    /// answer carries no cookie.
    /// </summary>
    public async Task<HttpClient> SessionAsync(string? forwardedFor = null)
    {
        var http = Client(cookies: true, forwardedFor);
        using var first = await http.GetAsync("/api/leaderboard");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(first.Headers.Contains("Set-Cookie"), "The first request got no session cookie.");
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold the file a moment longer; the temp directory is cleaned later.
        }
    }
}
