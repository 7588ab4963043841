using Orleans.Placement;

namespace Arena.Placement;

/// <summary>
/// Places a ModelGrain by its key: <c>model@node</c> only on the silo of GPU node <c>node</c> that
/// advertises <c>model</c>; a plain <c>model</c> key anywhere. The filter has no settings of its own.
/// </summary>
public sealed class ModelReplicaPlacementStrategy() : PlacementFilterStrategy(order: 0);
