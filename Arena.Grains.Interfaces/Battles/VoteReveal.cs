namespace Arena.Battles;

/// <summary>The models behind a voted battle, with their ratings after the vote.</summary>
[GenerateSerializer, Immutable]
public sealed record VoteReveal(
    [property: Id(0)] BattleOutcome Outcome,
    [property: Id(1)] RatingChange A,
    [property: Id(2)] RatingChange B,
    [property: Id(3)] string? ExcludedReason = null)
{
    /// <summary>Whether the vote moved the ratings (false for named battles and excluded votes).</summary>
    public bool Counted => ExcludedReason is null;
}

/// <summary>A model's rating after a vote and how much the vote moved it.</summary>
[GenerateSerializer, Immutable]
public sealed record RatingChange(
    [property: Id(0)] string Model,
    [property: Id(1)] double Rating,
    [property: Id(2)] double Delta);
