using Microsoft.Extensions.Options;

namespace Arena.Models;

/// <summary>The configured models, looked up by id.</summary>
public sealed class ModelCatalog(IOptions<ModelCatalogOptions> options)
{
    private readonly Dictionary<string, ModelDefinition> _byId =
        options.Value.Models.ToDictionary(m => m.Id, StringComparer.Ordinal);

    /// <summary>All configured models, in configuration order.</summary>
    public IReadOnlyList<ModelDefinition> All { get; } = options.Value.Models;

    /// <summary>The ids of the models that take part in anonymous battles.</summary>
    public IReadOnlyList<string> ArenaModelIds { get; } =
        options.Value.Models.Where(m => m.InArena).Select(m => m.Id).ToArray();

    /// <summary>The model with this id, or null.</summary>
    public ModelDefinition? Find(string id) => _byId.GetValueOrDefault(id);
}
