namespace Arena.Models;

/// <summary>A model's fitness for battles, from its replicas' health.</summary>
public enum ModelAvailability
{
    /// <summary>Every replica is healthy.</summary>
    Healthy,

    /// <summary>Some replicas are healthy, some are not.</summary>
    Degraded,

    /// <summary>No replica can take requests; battles don't draw the model.</summary>
    Unavailable,
}

/// <summary>A model's availability, why, and its replicas as last reported.</summary>
public sealed record ModelState(
    ModelDefinition Model,
    ModelAvailability Availability,
    string? Reason,
    IReadOnlyList<ReplicaStatus> Replicas);
