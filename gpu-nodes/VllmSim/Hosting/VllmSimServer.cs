using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration.Memory;
using VllmSim.Endpoints;
using VllmSim.Hosting;

namespace VllmSim;

/// <summary>Builds and starts the simulator, as a process (Program.cs) or inside another process.</summary>
public static class VllmSimServer
{
    private static readonly Dictionary<string, string> SwitchMappings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["--api-key"] = $"{SimulatorOptions.SectionName}:{nameof(SimulatorOptions.ApiKey)}",
        ["--max-num-seqs"] = $"{SimulatorOptions.SectionName}:{nameof(SimulatorOptions.MaxNumSeqs)}",
        ["--max-waiting"] = $"{SimulatorOptions.SectionName}:{nameof(SimulatorOptions.MaxWaiting)}",
        ["--time-scale"] = $"{SimulatorOptions.SectionName}:{nameof(SimulatorOptions.TimeScale)}",
        ["--seed"] = $"{SimulatorOptions.SectionName}:{nameof(SimulatorOptions.Seed)}",
    };

    /// <summary>Builds the app; without <paramref name="options"/> they bind from the <c>VllmSim</c> configuration section.</summary>
    public static WebApplication Build(string[] args, SimulatorOptions? options = null) => Build(args, options, null, quiet: false);

    /// <summary>Starts a simulator on <paramref name="url"/> (port 0 picks a free port) and returns once it listens.</summary>
    public static Task<RunningSimulator> StartAsync(SimulatorOptions options, string url = "http://127.0.0.1:0", CancellationToken ct = default) =>
        StartAsync(options, TimeProvider.System, url, ct);

    /// <summary>Starts a simulator whose delays run on <paramref name="timeProvider"/> (e.g. a fake clock in tests).</summary>
    public static async Task<RunningSimulator> StartAsync(SimulatorOptions options, TimeProvider timeProvider, string url = "http://127.0.0.1:0", CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var app = Build([], options, timeProvider, quiet: true);
        app.Urls.Clear();
        app.Urls.Add(url);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The simulator started but reported no listening address.");
        return new RunningSimulator(app, new Uri(address), options);
    }

    private static WebApplication Build(string[] args, SimulatorOptions? options, TimeProvider? timeProvider, bool quiet)
    {
        var builder = WebApplication.CreateBuilder(args);
        // The simulator's defaults live here, under every other source, rather than in an appsettings.json: that
        // file would collide with Arena.Web's when Arena.Web, which embeds the simulator, is published (NETSDK1152).
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Defaults });
        builder.Configuration.AddCommandLine(args, SwitchMappings);
        if (quiet)
        {
            builder.Logging.ClearProviders();
        }

        options ??= Bind(builder.Configuration.GetSection(SimulatorOptions.SectionName));
        SimulatorServiceCollectionExtensions.Validate(options);
        builder.Services.AddVllmSim(options, timeProvider);

        var app = builder.Build();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.MapVllmSim();
        return app;
    }

    private static readonly Dictionary<string, string?> Defaults = new()
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
    };

    private static SimulatorOptions Bind(IConfigurationSection section)
    {
        var options = new SimulatorOptions();
        if (section.GetSection(nameof(SimulatorOptions.Models)).Exists())
        {
            options.Models = []; // Configured models replace the defaults instead of being appended to them.
        }

        section.Bind(options);
        return options;
    }
}
