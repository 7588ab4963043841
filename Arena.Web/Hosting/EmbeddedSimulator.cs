using System.Globalization;
using VllmSim;

namespace Arena.Web.Hosting;

/// <summary>Starts VllmSim beside Arena so that a machine with no GPU and no API key runs real battles.</summary>
public static class EmbeddedSimulator
{
    /// <summary>
    /// When enabled, starts VllmSim on loopback before the host is built, and appends its models to
    /// <c>Arena:Models</c> with the address it is listening on. The simulator stops with the host.
    /// </summary>
    public static async Task<WebApplicationBuilder> AddEmbeddedSimulatorAsync(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(SimulatorSettings.Section).Get<SimulatorSettings>() ?? new SimulatorSettings();
        if (!settings.Enabled)
        {
            return builder;
        }

        var options = new SimulatorOptions { TimeScale = settings.TimeScale };
        var simulator = await VllmSimServer.StartAsync(options, settings.Url);
        builder.Services.AddSingleton(_ => simulator); // made by a factory, so the container disposes (stops) it

        var configured = builder.Configuration.GetSection("Arena:Models").GetChildren().Select(c => c["Id"]).ToHashSet(StringComparer.Ordinal);
        var next = builder.Configuration.GetSection("Arena:Models").GetChildren().Count();
        var entries = new Dictionary<string, string?>();
        foreach (var model in options.Models.Where(m => !configured.Contains(m.Id)))
        {
            var prefix = $"Arena:Models:{next.ToString(CultureInfo.InvariantCulture)}:";
            entries[prefix + "Id"] = model.Id;
            entries[prefix + "Provider"] = "vllm";
            entries[prefix + "BaseUrl"] = simulator.OpenAIEndpoint.ToString();
            entries[prefix + "Simulated"] = "true";
            // The tool-calling simulated assistant serves the assistant route, not blind battles.
            entries[prefix + "InArena"] = model.SupportsTools ? "false" : "true";
            next++;
        }

        builder.Configuration.AddInMemoryCollection(entries);
        return builder;
    }
}
