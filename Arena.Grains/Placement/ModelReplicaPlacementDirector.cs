using Arena.Models;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace Arena.Placement;

/// <summary>
/// Keeps the silos that serve the replica named by the grain key: their <c>arena.node</c> is the key's
/// node and their <c>arena.models</c> lists the model. A key without a node keeps every silo.
/// A silo whose metadata the cache has not fetched yet reads as serving nothing, and so does every
/// silo when this one advertises no metadata (no <c>UseSiloMetadata</c>, so no cache).
/// </summary>
public sealed class ModelReplicaPlacementDirector(IServiceProvider services) : IPlacementFilterDirector
{
    private readonly ISiloMetadataCache? _metadata = services.GetService<ISiloMetadataCache>();

    public IEnumerable<SiloAddress> Filter(PlacementFilterStrategy filterStrategy, PlacementTarget target, IEnumerable<SiloAddress> silos)
    {
        var key = ReplicaKey.Parse(target.GrainIdentity.Key.ToString());
        if (key.Node is null)
        {
            return silos;
        }

        return _metadata is { } metadata ? silos.Where(silo => Serves(metadata.GetSiloMetadata(silo).Metadata, key)) : [];
    }

    /// <summary>Whether a silo with this metadata hosts the replica <paramref name="key"/>.</summary>
    public static bool Serves(IReadOnlyDictionary<string, string> siloMetadata, ReplicaKey key) =>
        key.Node is null
        || (siloMetadata.TryGetValue(SiloMetadataKeys.Node, out var node)
            && string.Equals(node, key.Node, StringComparison.Ordinal)
            && siloMetadata.TryGetValue(SiloMetadataKeys.Models, out var models)
            && SiloMetadataKeys.ParseModels(models).Contains(key.ModelId, StringComparer.Ordinal));
}
