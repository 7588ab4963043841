extern alias ArenaWeb;

using System.Globalization;
using System.Net;
using Arena.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Arena.Browser.Tests;

/// <summary>
/// Arena.Web on a real Kestrel port on 127.0.0.1, in-process, with its own temporary database, its own
/// silo ports and fast simulated models (the embedded VllmSim at a twentieth of its latency).
/// </summary>
public sealed class ArenaServer(IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<ArenaWeb::Program>
{
    /// <summary>The operator key every browser-test server is started with.</summary>
    public const string OperatorKey = "browser-operator-key";

    private readonly string _dataDirectory =
        Path.Combine(Path.GetTempPath(), "arena-browser-" + Guid.NewGuid().ToString("N"));

    /// <summary>The address the browser opens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>Starts Arena and learns its port.</summary>
    public void Start()
    {
        Directory.CreateDirectory(_dataDirectory);
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Production, as the README's run command starts it: static assets must load without Development's help.
        builder.UseEnvironment("Production");
        // UseSetting reaches WebApplicationBuilder.Configuration before Program builds the host.
        builder.UseSetting("ConnectionStrings:arena", $"Data Source={Path.Combine(_dataDirectory, "arena.db")}");
        builder.UseSetting("Arena:Simulator:TimeScale", "0.05");
        // Bradley–Terry is recomputed a tenth of a second after the last vote; tests wait for its "computed from N votes".
        builder.UseSetting("Arena:Ratings:RecomputeDelay", "00:00:00.1");
        // Every browser context is a new session from 127.0.0.1: the per-address cap on new sessions would refuse them.
        builder.UseSetting("Arena:RateLimits:Enabled", "false");
        // The tests vote the moment the answers finish; the minimum reading time would leave those votes unrated.
        builder.UseSetting("Arena:Ratings:MinVoteDelay", "00:00:00");
        builder.UseSetting("Arena:Silo:SiloPort", FreePort());
        builder.UseSetting("Arena:Silo:GatewayPort", FreePort());
        // An OPENAI_API_KEY in the environment must not send the tests' prompts to OpenAI's moderation.
        builder.UseSetting("Arena:Moderation:OpenAi:Enabled", "false");
        // Operators sign in with this key (PageExtensions.SignInAsOperatorAsync); a fixture's settings may override it.
        builder.UseSetting("ARENA_OPERATOR_KEY", OperatorKey);
        builder.ConfigureTestServices(HostMeters.Use);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the OS cleans its temp directory later.
        }
    }

    /// <summary>A free loopback port (<see cref="TestPorts"/>).</summary>
    private static string FreePort() => TestPorts.Take().ToString(CultureInfo.InvariantCulture);
}
