using VllmSim.Endpoints;
using VllmSim.Failures;
using VllmSim.Metrics;
using VllmSim.Scheduling;

namespace VllmSim.Hosting;

/// <summary>Registers the simulator's services.</summary>
internal static class SimulatorServiceCollectionExtensions
{
    public static IServiceCollection AddVllmSim(this IServiceCollection services, SimulatorOptions options, TimeProvider? timeProvider)
    {
        services.AddSingleton(options);
        services.AddSingleton(timeProvider ?? TimeProvider.System);
        services.AddSingleton<ModelRegistry>();
        services.AddSingleton<FailureInjector>();
        services.AddSingleton<SimMetrics>();
        services.AddSingleton<ChatCompletionHandler>();
        return services;
    }

    /// <summary>Checks the options and fails fast naming the configuration path of the bad value.</summary>
    public static void Validate(SimulatorOptions options)
    {
        var errors = new List<string>();
        var section = SimulatorOptions.SectionName;
        if (options.Models.Count == 0)
        {
            errors.Add($"{section}:Models must list at least one model.");
        }

        for (var i = 0; i < options.Models.Count; i++)
        {
            var m = options.Models[i];
            if (string.IsNullOrWhiteSpace(m.Id))
            {
                errors.Add($"{section}:Models:{i}:Id is required.");
            }

            if (m.MaxModelLen < 1 || m.MaxTokens < 1)
            {
                errors.Add($"{section}:Models:{i}: MaxModelLen and MaxTokens must be positive.");
            }
        }

        foreach (var duplicate in options.Models.GroupBy(m => m.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"{section}:Models: model id `{duplicate.Key}` appears more than once.");
        }

        if (options.MaxNumSeqs < 1)
        {
            errors.Add($"{section}:MaxNumSeqs must be at least 1.");
        }

        if (options.MaxWaiting < 0 || options.TimeScale < 0)
        {
            errors.Add($"{section}:MaxWaiting and {section}:TimeScale must not be negative.");
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid VllmSim configuration: " + string.Join(" ", errors));
        }
    }
}
