namespace Arena.Models;

/// <summary>
/// A replica's request statistics since it was activated: counts, tokens, cost, and recent samples of
/// latency from which percentiles are computed (samples merge across replicas; percentiles don't).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ReplicaStats(
    [property: Id(0)] string Replica,
    [property: Id(1)] long Requests,
    [property: Id(2)] long Succeeded,
    [property: Id(3)] IReadOnlyDictionary<string, long> ErrorsByKind,
    [property: Id(4)] long InputTokens,
    [property: Id(5)] long OutputTokens,
    [property: Id(6)] double CostUsd,
    [property: Id(7)] IReadOnlyList<double> TimeToFirstTokenMs,
    [property: Id(8)] IReadOnlyList<double> InterTokenMs,
    [property: Id(9)] IReadOnlyList<double> TokensPerSecond);
