using Orleans.Placement;

namespace Arena.Placement;

/// <summary>Marks a grain keyed by <see cref="Arena.Models.ReplicaKey"/> for <see cref="ModelReplicaPlacementStrategy"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ModelReplicaPlacementAttribute() : PlacementFilterAttribute(new ModelReplicaPlacementStrategy());
