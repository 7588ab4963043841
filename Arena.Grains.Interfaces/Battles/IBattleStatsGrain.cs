namespace Arena.Battles;

/// <summary>
/// The singleton (key 0) daily counters of battles started and voted on, kept durably so that the
/// statistics page survives restarts. Writes are batched: a crash loses at most the counts of the last
/// few seconds (<c>DailyCounterGrain.FlushPeriod</c>), never earlier days.
/// </summary>
public interface IBattleStatsGrain : IGrainWithIntegerKey
{
    /// <summary>Counts a battle started at <paramref name="startedAt"/>.</summary>
    Task BattleStartedAsync(DateTimeOffset startedAt);

    /// <summary>Counts a vote cast at <paramref name="votedAt"/> on a battle started at <paramref name="startedAt"/>.</summary>
    Task BattleVotedAsync(DateTimeOffset startedAt, DateTimeOffset votedAt);

    /// <summary>The counts of the UTC days from <paramref name="from"/> to <paramref name="to"/> inclusive, one entry per day, plus all-time totals.</summary>
    [ReadOnly]
    Task<BattleCounts> GetAsync(DateOnly from, DateOnly to);
}

/// <summary>Battle counts per UTC day and in total.</summary>
[GenerateSerializer, Immutable]
public sealed record BattleCounts(
    [property: Id(0)] IReadOnlyList<DayCounts> Days,
    [property: Id(1)] long TotalStarted,
    [property: Id(2)] long TotalVoted);

/// <summary>
/// One UTC day: battles started that day, votes cast that day, and how many of the battles started that
/// day got a vote (whenever it came).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DayCounts(
    [property: Id(0)] DateOnly Day,
    [property: Id(1)] long Started,
    [property: Id(2)] long Votes,
    [property: Id(3)] long StartedAndVoted);
