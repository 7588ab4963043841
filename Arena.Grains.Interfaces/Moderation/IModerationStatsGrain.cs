namespace Arena.Moderation;

/// <summary>
/// The singleton (key 0) durable counters of moderation: prompts refused, and checks that could not be made
/// (the moderation service down or slow), per UTC day and per source (<c>blocklist</c>, <c>openai</c>).
/// Writes are batched: a crash loses at most the last few seconds of counts, never earlier days.
/// </summary>
public interface IModerationStatsGrain : IGrainWithIntegerKey
{
    /// <summary>Counts a prompt that <paramref name="source"/> flagged at <paramref name="at"/>.</summary>
    Task FlaggedAsync(string source, DateTimeOffset at);

    /// <summary>Counts a check by <paramref name="source"/> that failed at <paramref name="at"/> (error or timeout).</summary>
    Task UnavailableAsync(string source, DateTimeOffset at);

    /// <summary>The counts of the UTC days from <paramref name="from"/> to <paramref name="to"/> inclusive, one entry per day, plus all-time totals.</summary>
    [ReadOnly]
    Task<ModerationCounts> GetAsync(DateOnly from, DateOnly to);
}

/// <summary>All-time totals per source, and one entry per day asked for.</summary>
[GenerateSerializer, Immutable]
public sealed record ModerationCounts(
    [property: Id(0)] IReadOnlyDictionary<string, long> Flagged,
    [property: Id(1)] IReadOnlyDictionary<string, long> Unavailable,
    [property: Id(2)] IReadOnlyList<ModerationDayCounts> Days);

/// <summary>One UTC day: prompts flagged and checks that failed, per source (sources with no count are left out).</summary>
[GenerateSerializer, Immutable]
public sealed record ModerationDayCounts(
    [property: Id(0)] DateOnly Day,
    [property: Id(1)] IReadOnlyDictionary<string, long> Flagged,
    [property: Id(2)] IReadOnlyDictionary<string, long> Unavailable);
