using Arena.Battles;

namespace Arena.Ratings;

/// <summary>The leaderboard's stored state. Type and member ids are stored; keep them stable.</summary>
[GenerateSerializer]
public sealed class LeaderboardState
{
    [Id(0)]
    public Dictionary<string, StandingState> Models { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The result of every applied vote, by battle id; a repeated vote returns it.</summary>
    [Id(1)]
    public Dictionary<Guid, VoteReveal> Applied { get; set; } = [];
}

/// <summary>One model's rating and record.</summary>
[GenerateSerializer]
public sealed class StandingState
{
    [Id(0)]
    public double Rating { get; set; }

    [Id(1)]
    public int Wins { get; set; }

    [Id(2)]
    public int Losses { get; set; }

    [Id(3)]
    public int Ties { get; set; }

    public int Votes => Wins + Losses + Ties;
}
