namespace Arena.Models;

/// <summary>The silo metadata Arena's silos advertise, read by model placement and the model directory.</summary>
public static class SiloMetadataKeys
{
    /// <summary><c>web</c> for Arena.Web silos, <c>gpu</c> for GPU-node silos.</summary>
    public const string Role = "arena.role";

    /// <summary>The node's name, unique in the cluster; the <c>@node</c> part of a replica's key.</summary>
    public const string Node = "arena.node";

    /// <summary>The ids of the models whose server runs on this node, comma-separated.</summary>
    public const string Models = "arena.models";

    /// <summary>The key under which a node advertises the base URL (…/v1) of a model's local server.</summary>
    public static string Endpoint(string modelId) => "arena.endpoint." + modelId;

    /// <summary>The model ids in an <see cref="Models"/> value.</summary>
    public static IReadOnlyList<string> ParseModels(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
