extern alias ArenaWeb;

using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using VllmSim;

namespace Arena.Web.Tests.Hosting;

/// <summary>
/// Hosts Arena.Web (co-hosted silo, SQLite grain state) in memory, with its data in a given directory
/// and its silo on free loopback ports. Its models are those of <paramref name="simulator"/>, started
/// by the test; with none, Arena starts its embedded simulator itself.
/// </summary>
public sealed class ArenaWebFactory(string dataDirectory, RunningSimulator? simulator, int maxPromptChars, double embeddedTimeScale = 0.02)
    : WebApplicationFactory<ArenaWeb::Program>
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
            ["Arena:Limits:MaxPromptChars"] = Invariant(maxPromptChars),
        };
        if (simulator is null)
        {
            settings["Arena:Simulator:TimeScale"] = embeddedTimeScale.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            // The same models the embedded simulator would add (see EmbeddedSimulator), served by the test's simulator.
            settings["Arena:Simulator:Enabled"] = "false";
            for (var i = 0; i < simulator.Options.Models.Count; i++)
            {
                var model = simulator.Options.Models[i];
                var prefix = $"Arena:Models:{Invariant(i)}:";
                settings[prefix + "Id"] = model.Id;
                settings[prefix + "Provider"] = "vllm";
                settings[prefix + "BaseUrl"] = simulator.OpenAIEndpoint.ToString();
                settings[prefix + "Simulated"] = "true";
                settings[prefix + "InArena"] = model.SupportsTools ? "false" : "true";
            }
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
