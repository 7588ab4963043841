namespace Arena.Placement;

/// <summary>Where the model servers of this silo's GPU node listen (registered on GPU-node silos).</summary>
public interface INodeEndpoints
{
    /// <summary>The local base URL (…/v1) of the model's server, or null if this node does not serve it.</summary>
    string? EndpointFor(string modelId);
}
