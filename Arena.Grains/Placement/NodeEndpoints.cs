namespace Arena.Placement;

/// <summary>The fixed list of models a GPU node was configured with; empty on other silos.</summary>
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

    /// <summary>This silo's node name, or null when it is not a GPU node.</summary>
    public string? Node { get; }

    /// <summary>The models this node serves.</summary>
    public IReadOnlyList<NodeModel> Models { get; }

    public string? EndpointFor(string modelId) => Find(modelId)?.Endpoint;

    /// <summary>The node's entry for the model, or null when the node does not serve it.</summary>
    public NodeModel? Find(string modelId) => _byId.GetValueOrDefault(modelId);
}
