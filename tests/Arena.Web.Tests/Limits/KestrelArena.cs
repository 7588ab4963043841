extern alias ArenaWeb;

using System.Globalization;
using System.Net;
using Arena.Tests.Shared;
using Arena.Web.Tests.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Arena.Web.Tests.Limits;

/// <summary>
/// Arena.Web on a real Kestrel port on 127.0.0.1, so that requests have a real peer address for the
/// limits and the forwarded headers, with the rate limits on and the given <paramref name="settings"/>.
/// </summary>
public sealed class KestrelArena(double timeScale, IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<ArenaWeb::Program>
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "arena-limits-tests-" + Guid.NewGuid().ToString("N"));

    public Uri Address { get; private set; } = default!;

    /// <summary>Starts the host (off the caller's thread: WebApplicationFactory starts synchronously) and learns its port.</summary>
    public Task StartAsync() => Task.Run(() =>
    {
        Directory.CreateDirectory(_data);
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        Address = new Uri(address.EndsWith('/') ? address : address + "/");
    });

    /// <summary>
    /// A client over real HTTP. With <paramref name="cookies"/> it keeps its session cookie (one session); without,
    /// every request is a new session. <paramref name="forwardedFor"/> is sent as X-Forwarded-For.
    /// </summary>
    public HttpClient Client(bool cookies = true, string? forwardedFor = null)
    {
        var http = new HttpClient(new SocketsHttpHandler { UseCookies = cookies, CookieContainer = new CookieContainer() })
        {
            BaseAddress = Address,
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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var ports = FreePorts.Take(2);
        var all = new Dictionary<string, string>
        {
            ["ConnectionStrings:arena"] = $"Data Source={Path.Combine(_data, "arena.db")}",
            ["Arena:Silo:SiloPort"] = ports[0].ToString(CultureInfo.InvariantCulture),
            ["Arena:Silo:GatewayPort"] = ports[1].ToString(CultureInfo.InvariantCulture),
            ["Arena:Simulator:TimeScale"] = timeScale.ToString(CultureInfo.InvariantCulture),
            ["Arena:RateLimits:Enabled"] = "true",
            ["ARENA_OPERATOR_KEY"] = OperatorRequests.Key,
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        foreach (var (key, value) in all)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureTestServices(HostMeters.Use);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold the file a moment longer; the temp directory is cleaned later.
        }
    }
}
