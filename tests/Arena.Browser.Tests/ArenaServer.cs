extern alias ArenaWeb;

using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Arena.Browser.Tests;

/// <summary>
/// Arena.Web on a real Kestrel port on 127.0.0.1, in-process, with its own temporary database and fast
/// simulated models.
/// </summary>
public sealed class ArenaServer : WebApplicationFactory<ArenaWeb::Program>
{
    private readonly string _dataDirectory =
        Path.Combine(Path.GetTempPath(), "arena-browser-" + Guid.NewGuid().ToString("N"));

    /// <summary>The address the browser opens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>Starts the server and learns its port.</summary>
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
        builder.UseSetting("ConnectionStrings:arena", $"Data Source={Path.Combine(_dataDirectory, "arena.db")}");
        builder.UseSetting("Arena:Simulator:TimeScale", "0.05");
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
            // SQLite may still hold the file for a moment; the temp directory is cleaned by the OS later.
        }
    }
}
