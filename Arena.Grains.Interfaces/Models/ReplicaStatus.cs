namespace Arena.Models;

/// <summary>Whether a replica's endpoint is fit to take requests.</summary>
public enum ReplicaHealth
{
    /// <summary>Probes and requests succeed (or none has failed yet).</summary>
    Healthy,

    /// <summary>Too many consecutive failures: the circuit is open until a probe passes.</summary>
    Failing,

    /// <summary>The replica could not be asked: its node is gone or not answering.</summary>
    Unreachable,
}

/// <summary>One replica's health and load, as its ModelGrain reports it.</summary>
[GenerateSerializer, Immutable]
public sealed record ReplicaStatus(
    [property: Id(0)] string Replica,
    [property: Id(1)] string? Node,
    [property: Id(2)] string Silo,
    [property: Id(3)] ReplicaHealth Health,
    [property: Id(4)] string? Reason,
    [property: Id(5)] int InFlight,
    [property: Id(6)] int Capacity,
    [property: Id(7)] DateTimeOffset? LastProbeAt);
