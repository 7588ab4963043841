namespace Arena.Placement;

/// <summary>
/// The models served on this silo's own GPU node and where their servers listen. Empty on silos that
/// are not GPU nodes (web silos, the embedded profile).
/// </summary>
public interface INodeEndpoints
{
    /// <summary>This silo's node name, or null when it is not a GPU node.</summary>
    string? Node { get; }

    /// <summary>The models this node serves.</summary>
    IReadOnlyList<NodeModel> Models { get; }

    /// <summary>The local base URL (…/v1) of the model's server on this node, or null when the node does not serve it.</summary>
    string? EndpointFor(string modelId);

    /// <summary>The node's entry for the model, or null when the node does not serve it.</summary>
    NodeModel? Find(string modelId);
}
