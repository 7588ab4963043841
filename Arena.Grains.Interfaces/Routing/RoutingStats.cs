namespace Arena.Routing;

/// <summary>
/// Counts of the router's decisions in the real chat flow (not of <c>POST /api/route</c> previews): per route and
/// category, confidence histograms, overrides, per day. One durable singleton (key 0).
/// </summary>
public interface IRoutingStatsGrain : IGrainWithIntegerKey
{
    /// <summary>Counts one decision in memory; writes happen in batches, so a crash loses at most the last flush period.</summary>
    Task RecordAsync(RoutingRecord record);

    /// <summary>The distribution so far, including counts not yet written.</summary>
    [ReadOnly]
    Task<RoutingStatsSnapshot> GetAsync();

    /// <summary>Writes the counts not yet written now.</summary>
    Task FlushAsync();
}

/// <summary>
/// One routed message: where it went, its category, the router's confidence in its own choice, and whether the
/// user overrode the router (the router chose the assistant and the user sent the message to the arena anyway).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RoutingRecord(
    [property: Id(0)] string Route,
    [property: Id(1)] string Category,
    [property: Id(2)] double Confidence,
    [property: Id(3)] bool Overridden);

/// <summary>The routing distribution.</summary>
[GenerateSerializer, Immutable]
public sealed record RoutingStatsSnapshot(
    [property: Id(0)] long Total,
    [property: Id(1)] long Overrides,
    [property: Id(2)] IReadOnlyList<RouteCount> Routes,
    [property: Id(3)] IReadOnlyList<CategoryRouting> Categories,
    [property: Id(4)] IReadOnlyList<long> ConfidenceHistogram,
    [property: Id(5)] IReadOnlyList<DayRouting> Days)
{
    /// <summary>How many buckets a confidence histogram has: [0, 0.1), …, [0.9, 1.0].</summary>
    public const int Buckets = 10;
}

/// <summary>Messages that took one route.</summary>
[GenerateSerializer, Immutable]
public sealed record RouteCount([property: Id(0)] string Route, [property: Id(1)] long Count);

/// <summary>Messages of one category on one route, with their confidence (mean and 10-bucket histogram) and overrides.</summary>
[GenerateSerializer, Immutable]
public sealed record CategoryRouting(
    [property: Id(0)] string Route,
    [property: Id(1)] string Category,
    [property: Id(2)] long Count,
    [property: Id(3)] double MeanConfidence,
    [property: Id(4)] long Overrides,
    [property: Id(5)] IReadOnlyList<long> ConfidenceHistogram);

/// <summary>One UTC day's messages per route.</summary>
[GenerateSerializer, Immutable]
public sealed record DayRouting(
    [property: Id(0)] DateOnly Day,
    [property: Id(1)] long Arena,
    [property: Id(2)] long Assistant,
    [property: Id(3)] long Overrides);
