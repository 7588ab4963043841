using Arena.Counters;

namespace Arena.Battles;

/// <summary>The stored daily battle counters, keyed by <see cref="DateOnly.DayNumber"/> (UTC). Keep member ids stable.</summary>
[GenerateSerializer]
public sealed class BattleStatsState : IDailyTallies<DayTally>
{
    [Id(0)]
    public Dictionary<int, DayTally> Days { get; set; } = [];

    [Id(1)]
    public long TotalStarted { get; set; }

    [Id(2)]
    public long TotalVoted { get; set; }
}

/// <summary>One UTC day's counts.</summary>
[GenerateSerializer]
public sealed class DayTally
{
    /// <summary>Battles started that day.</summary>
    [Id(0)]
    public long Started { get; set; }

    /// <summary>Votes cast that day.</summary>
    [Id(1)]
    public long Votes { get; set; }

    /// <summary>Battles started that day that got a vote, whenever it came.</summary>
    [Id(2)]
    public long StartedAndVoted { get; set; }
}
