extern alias ArenaWeb;

using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Arena.Web.Tests.Hosting;

/// <summary>
/// Hosts Arena.Web (co-hosted silo, SQLite grain state, embedded VllmSim) in memory, with its data in
/// <paramref name="dataDirectory"/>, its silo on free loopback ports, and the simulator's latencies
/// multiplied by <paramref name="timeScale"/>; <paramref name="extraSettings"/> are added to (or override) the configuration.
/// </summary>
public sealed class ArenaWebFactory(string dataDirectory, double timeScale, int maxPromptChars, IReadOnlyDictionary<string, string>? extraSettings = null) : WebApplicationFactory<ArenaWeb::Program>
{
    public const string SessionCookieName = "arena_session";

    /// <summary>A client with its own cookie jar: a new session, kept across its requests.</summary>
    public HttpClient CreateSessionClient() => CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });

    /// <summary>A client that sends the session cookie <paramref name="sessionId"/> (32 lowercase hex digits) and keeps no others.</summary>
    public HttpClient CreateSessionClient(string sessionId)
    {
        var http = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        http.DefaultRequestHeaders.Add("Cookie", $"{SessionCookieName}={sessionId}");
        return http;
    }

    /// <summary>Starts the host. WebApplicationFactory only starts synchronously, so this runs it off the caller's thread.</summary>
    public Task StartAsync() => Task.Run(StartServer);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var ports = FreePorts.Take(2);
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:arena"] = $"Data Source={Path.Combine(dataDirectory, "arena.db")}",
            ["Arena:Silo:SiloPort"] = Invariant(ports[0]),
            ["Arena:Silo:GatewayPort"] = Invariant(ports[1]),
            ["Arena:Simulator:TimeScale"] = timeScale.ToString(CultureInfo.InvariantCulture),
            ["Arena:Limits:MaxPromptChars"] = Invariant(maxPromptChars),
            // Every test comes from one address; the rate-limit tests turn the limits back on with small values.
            ["Arena:RateLimits:Enabled"] = "false",
        };
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            // UseSetting (not ConfigureAppConfiguration), so that Program sees these before it builds its host.
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
