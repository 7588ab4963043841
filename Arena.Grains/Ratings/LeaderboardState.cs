namespace Arena.Ratings;

/// <summary>
/// The leaderboard's checkpoint: the boards as of ledger row <see cref="LastSeq"/>. The ledger is the
/// source of truth; on activation the rows after the checkpoint are replayed. Type and member ids are
/// stored; keep them stable.
/// </summary>
[GenerateSerializer]
public sealed class LeaderboardState
{
    /// <summary>The last ledger row reflected in the boards.</summary>
    [Id(2)]
    public long LastSeq { get; set; }

    [Id(3)]
    public RatingBoard Overall { get; set; } = new();

    /// <summary>One board per query category.</summary>
    [Id(4)]
    public Dictionary<string, RatingBoard> Categories { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The quarantine's version (flags plus clearings) the boards reflect; another one means a rebuild.</summary>
    [Id(10)]
    public long QuarantineVersion { get; set; }
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

    public StandingState Clone() => new() { Rating = Rating, Wins = Wins, Losses = Losses, Ties = Ties };
}
