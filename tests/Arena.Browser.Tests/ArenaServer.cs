extern alias ArenaWeb;

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using VllmSim;

namespace Arena.Browser.Tests;

/// <summary>
/// Arena.Web on a real Kestrel port on 127.0.0.1, in-process, with its own temporary database and fast
/// simulated models.
/// </summary>
/// <remarks>
/// Arena's embedded simulator builds its own WebApplication before Arena's host is built, and
/// WebApplicationFactory would take that first host for the app under test. So the test starts VllmSim
/// itself, turns the embedded one off and lists the simulator's models as Arena's models.
/// </remarks>
public sealed class ArenaServer : WebApplicationFactory<ArenaWeb::Program>
{
    private readonly string _dataDirectory =
        Path.Combine(Path.GetTempPath(), "arena-browser-" + Guid.NewGuid().ToString("N"));

    private RunningSimulator? _simulator;

    /// <summary>The address the browser opens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>Starts the simulator and Arena, and learns Arena's port.</summary>
    public async Task StartAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        _simulator = await VllmSimServer.StartAsync(new SimulatorOptions { TimeScale = 0.05 });
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var simulator = _simulator ?? throw new InvalidOperationException("Call StartAsync to start the server.");

        // UseSetting reaches WebApplicationBuilder.Configuration before Program builds the host.
        builder.UseSetting("ConnectionStrings:arena", $"Data Source={Path.Combine(_dataDirectory, "arena.db")}");
        builder.UseSetting("Arena:Simulator:Enabled", "false");
        builder.UseSetting("Arena:Simulator:TimeScale", "0.05");
        builder.UseSetting("Arena:Silo:SiloPort", FreePort());
        builder.UseSetting("Arena:Silo:GatewayPort", FreePort());
        var index = 0;
        foreach (var model in simulator.Options.Models)
        {
            var prefix = $"Arena:Models:{index.ToString(CultureInfo.InvariantCulture)}:";
            builder.UseSetting(prefix + "Id", model.Id);
            builder.UseSetting(prefix + "Provider", "vllm");
            builder.UseSetting(prefix + "BaseUrl", simulator.OpenAIEndpoint.ToString());
            builder.UseSetting(prefix + "Simulated", "true");
            builder.UseSetting(prefix + "InArena", model.SupportsTools ? "false" : "true");
            index++;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the OS cleans its temp directory later.
        }
    }

    private static string FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
    }
}
