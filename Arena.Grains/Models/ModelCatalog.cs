using Microsoft.Extensions.Options;

namespace Arena.Models;

/// <summary>The configured models, looked up by id.</summary>
public sealed class ModelCatalog(IOptions<ModelCatalogOptions> options)
{
    private readonly Dictionary<string, ModelDefinition> _byId =
        options.Value.Models.ToDictionary(m => m.Id, StringComparer.Ordinal);

    /// <summary>All configured models, in configuration order.</summary>
    public IReadOnlyList<ModelDefinition> All { get; } = options.Value.Models;

    /// <summary>The model with this id, or null.</summary>
    public ModelDefinition? Find(string id) => _byId.GetValueOrDefault(id);
}
