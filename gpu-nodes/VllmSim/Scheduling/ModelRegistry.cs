namespace VllmSim.Scheduling;

/// <summary>The served models, each with its own scheduler, looked up by id.</summary>
internal sealed class ModelRegistry : IDisposable
{
    private readonly Dictionary<string, ServedModel> _models;

    public ModelRegistry(SimulatorOptions options, TimeProvider time)
    {
        var created = time.GetUtcNow().ToUnixTimeSeconds();
        _models = options.Models.ToDictionary(
            m => m.Id,
            m => new ServedModel(m, new ModelScheduler(options.MaxNumSeqs, options.MaxWaiting), created),
            StringComparer.Ordinal);
    }

    public IEnumerable<ServedModel> All => _models.Values;

    public ServedModel? Find(string id) => _models.GetValueOrDefault(id);

    public void Dispose()
    {
        foreach (var model in _models.Values)
        {
            model.Scheduler.Dispose();
        }
    }
}

/// <summary>A model's settings, its scheduler and when it was loaded.</summary>
internal sealed record ServedModel(SimModelOptions Options, ModelScheduler Scheduler, long Created);
