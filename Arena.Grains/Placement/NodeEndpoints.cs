namespace Arena.Placement;

/// <summary>The fixed list of models a node was configured with.</summary>
public sealed class NodeEndpoints : INodeEndpoints
{
    private readonly Dictionary<string, NodeModel> _byId;

    public NodeEndpoints(string? node, IEnumerable<NodeModel> models)
    {
        Node = node;
        Models = models.ToArray();
        _byId = Models.ToDictionary(m => m.Id, StringComparer.Ordinal);
    }

    /// <summary>A silo that is not a GPU node.</summary>
    public static NodeEndpoints None { get; } = new(null, []);

    public string? Node { get; }

    public IReadOnlyList<NodeModel> Models { get; }

    public string? EndpointFor(string modelId) => Find(modelId)?.Endpoint;

    public NodeModel? Find(string modelId) => _byId.GetValueOrDefault(modelId);
}
