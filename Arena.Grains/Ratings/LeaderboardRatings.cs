namespace Arena.Ratings;

/// <summary>Bradley–Terry ratings with bootstrap intervals for every model, best first.</summary>
[GenerateSerializer, Immutable]
public sealed record LeaderboardRatings(
    [property: Id(0)] BradleyTerryRating[] Models,
    [property: Id(1)] long TotalVotes,
    [property: Id(2)] int Rounds,
    [property: Id(3)] int Seed,
    [property: Id(4)] int Iterations,
    [property: Id(5)] bool Converged,
    [property: Id(6)] bool Regularized,
    [property: Id(7)] int Components);

/// <summary>
/// One model's Bradley–Terry rating. <see cref="Strength"/> is p/Σp over all models; <see cref="Lower"/> and
/// <see cref="Upper"/> are the bootstrap quantiles (widened, if need be, to contain <see cref="Rating"/>);
/// <see cref="RankUb"/> = 1 + the number of models whose lower bound exceeds this model's upper bound.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record BradleyTerryRating(
    [property: Id(0)] string Id,
    [property: Id(1)] double Rating,
    [property: Id(2)] double Lower,
    [property: Id(3)] double Upper,
    [property: Id(4)] int RankUb,
    [property: Id(5)] long Votes,
    [property: Id(6)] long Wins,
    [property: Id(7)] long Losses,
    [property: Id(8)] long Ties,
    [property: Id(9)] bool Provisional,
    [property: Id(10)] double Strength);
