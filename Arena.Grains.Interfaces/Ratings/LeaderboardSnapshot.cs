namespace Arena.Ratings;

/// <summary>The leaderboard at one moment, best first.</summary>
[GenerateSerializer, Immutable]
public sealed record LeaderboardSnapshot(
    [property: Id(0)] IReadOnlyList<ModelStanding> Models,
    [property: Id(1)] long TotalVotes,
    [property: Id(2)] string Category = LeaderboardSnapshot.Overall,
    [property: Id(3)] DateTimeOffset? ComputedAt = null,
    [property: Id(4)] long ComputedFromVotes = 0)
{
    /// <summary>The name of the view over all categories.</summary>
    public const string Overall = "overall";
}

/// <summary>One model's place on the leaderboard.</summary>
[GenerateSerializer, Immutable]
public sealed record ModelStanding(
    [property: Id(0)] string Model,
    [property: Id(1)] double Rating,
    [property: Id(2)] int Votes,
    [property: Id(3)] int Wins,
    [property: Id(4)] int Losses,
    [property: Id(5)] int Ties,
    [property: Id(6)] BradleyTerryStanding? BradleyTerry = null);

/// <summary>A model's Bradley–Terry rating with its bootstrap 95% interval, from the last recompute.</summary>
[GenerateSerializer, Immutable]
public sealed record BradleyTerryStanding(
    [property: Id(0)] double Rating,
    [property: Id(1)] double Lower,
    [property: Id(2)] double Upper,
    [property: Id(3)] int RankUb,
    [property: Id(4)] bool Provisional);
