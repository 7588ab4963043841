using Arena.Placement;

namespace Arena.Cluster.Tests.Placement;

/// <summary>A test grain placed like ModelGrain, reporting where it runs.</summary>
public interface IReplicaProbeGrain : IGrainWithStringKey
{
    /// <summary>The hosting silo's GPU node and the endpoint it has for the key's model.</summary>
    Task<ProbeLocation> WhereAsync();
}

[GenerateSerializer, Immutable]
public sealed record ProbeLocation(
    [property: Id(0)] string? Node,
    [property: Id(1)] string? Endpoint,
    [property: Id(2)] string SiloIdentity);

[ModelReplicaPlacement]
public sealed class ReplicaProbeGrain(NodeEndpoints node) : Grain, IReplicaProbeGrain
{
    public Task<ProbeLocation> WhereAsync()
    {
        var key = Arena.Models.ReplicaKey.Parse(this.GetPrimaryKeyString());
        return Task.FromResult(new ProbeLocation(node.Node, node.EndpointFor(key.ModelId), RuntimeIdentity));
    }
}
