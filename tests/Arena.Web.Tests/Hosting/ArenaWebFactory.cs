extern alias ArenaWeb;

using System.Globalization;
using Arena.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Arena.Web.Tests.Hosting;

/// <summary>
/// Hosts Arena.Web (co-hosted silo, SQLite grain state, embedded VllmSim) in memory, with its data in
/// <paramref name="dataDirectory"/>, its silo on free loopback ports, and the simulator's latencies
/// multiplied by <paramref name="timeScale"/>; <paramref name="extraSettings"/> are added to (or override) the configuration,
/// and <paramref name="testServices"/> (when given) change the services after the host's own.
/// </summary>
public sealed class ArenaWebFactory(
    string dataDirectory,
    double timeScale,
    int maxPromptChars,
    IReadOnlyDictionary<string, string>? extraSettings = null,
    Action<IServiceCollection>? testServices = null) : WebApplicationFactory<ArenaWeb::Program>
{
    public const string SessionCookieName = "arena_session";

    /// <summary>A client with its own cookie jar: a new session, kept across its requests.</summary>
    public HttpClient CreateSessionClient() => CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });

    /// <summary>
    /// A client of session <paramref name="sessionId"/> (32 lowercase hex digits): it sends that id's cookie, signed
    /// by this host's Data Protection key ring as the server would have issued it, and keeps no others.
    /// </summary>
    public HttpClient CreateSessionClient(string sessionId) =>
        CreateCookieClient(Services.GetRequiredService<ArenaWeb::Arena.Web.Sessions.SessionTokens>().Protect(sessionId));

    /// <summary>A client that sends <paramref name="cookieValue"/> as its session cookie, as it is, and keeps no others.</summary>
    public HttpClient CreateCookieClient(string cookieValue)
    {
        var http = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        http.DefaultRequestHeaders.Add("Cookie", $"{SessionCookieName}={cookieValue}");
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
            ["Arena:RateLimits:Enabled"] = "false",
            // Tests vote the moment the answers finish; the minimum reading time is tested where it is set.
            ["Arena:Ratings:MinVoteDelay"] = "00:00:00",
            // An OPENAI_API_KEY in the environment must not send every test's prompts to OpenAI's moderation.
            ["Arena:Moderation:OpenAi:Enabled"] = "false",
            // Operator endpoints are open to tests that send this key (OperatorRequests); a host's own settings may override it.
            ["ARENA_OPERATOR_KEY"] = OperatorRequests.Key,
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
        builder.ConfigureTestServices(HostMeters.Use);
        if (testServices is not null)
        {
            builder.ConfigureTestServices(testServices);
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
