using Arena.Counters;

namespace Arena.Moderation;

/// <summary>The stored moderation counters, keyed by <see cref="DateOnly.DayNumber"/> (UTC). Keep member ids stable.</summary>
[GenerateSerializer]
public sealed class ModerationStatsState : IDailyTallies<ModerationDayTally>
{
    [Id(0)]
    public Dictionary<int, ModerationDayTally> Days { get; set; } = [];

    [Id(1)]
    public Dictionary<string, long> TotalFlagged { get; set; } = [];

    [Id(2)]
    public Dictionary<string, long> TotalUnavailable { get; set; } = [];
}

/// <summary>One UTC day's counts per source.</summary>
[GenerateSerializer]
public sealed class ModerationDayTally
{
    /// <summary>Prompts refused that day, per source.</summary>
    [Id(0)]
    public Dictionary<string, long> Flagged { get; set; } = [];

    /// <summary>Checks that failed that day, per source.</summary>
    [Id(1)]
    public Dictionary<string, long> Unavailable { get; set; } = [];
}
