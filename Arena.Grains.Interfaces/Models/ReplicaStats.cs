namespace Arena.Models;

/// <summary>
/// A replica's request statistics since it was activated: counts, tokens, cost, and recent samples of
/// latency from which percentiles are computed (samples merge across replicas; percentiles don't).
/// Answers served from the answer cache are not requests: they are counted in <see cref="CacheHits"/>,
/// with the usage they saved (the recorded answer's tokens and their price).
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
    [property: Id(9)] IReadOnlyList<double> TokensPerSecond,
    [property: Id(10)] long CacheHits = 0,
    [property: Id(11)] long CacheSavedInputTokens = 0,
    [property: Id(12)] long CacheSavedOutputTokens = 0,
    [property: Id(13)] double CacheSavedCostUsd = 0);
