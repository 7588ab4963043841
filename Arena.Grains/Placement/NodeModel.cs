namespace Arena.Placement;

/// <summary>A model whose server runs on this GPU node, at <paramref name="Endpoint"/> (its base URL, …/v1).</summary>
/// <param name="MaxConcurrency">The most answers the node's server takes at once, or null for the catalog's limit.</param>
public sealed record NodeModel(string Id, string Endpoint, int? MaxConcurrency = null);
