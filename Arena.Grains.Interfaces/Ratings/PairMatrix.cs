namespace Arena.Ratings;

/// <summary>
/// Head-to-head numbers for a view of the leaderboard, models in leaderboard order: battles between
/// each pair, the row model's win rate against the column model (ties as half), null without battles,
/// and the counts behind it: the row model's wins over the column model, and their ties.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PairMatrix(
    [property: Id(0)] string Category,
    [property: Id(1)] IReadOnlyList<string> Models,
    [property: Id(2)] IReadOnlyList<IReadOnlyList<long>> Battles,
    [property: Id(3)] IReadOnlyList<IReadOnlyList<double?>> WinRates,
    [property: Id(4)] IReadOnlyList<IReadOnlyList<long>> Wins,
    [property: Id(5)] IReadOnlyList<IReadOnlyList<long>> Ties);
