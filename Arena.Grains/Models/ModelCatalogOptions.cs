namespace Arena.Models;

/// <summary>The models Arena knows (configuration section <c>Arena:Models</c>, a list).</summary>
public sealed class ModelCatalogOptions
{
    public const string Section = "Arena";

    public List<ModelDefinition> Models { get; set; } = [];
}
