namespace Arena.Ratings;

/// <summary>
/// Head-to-head numbers for a view of the leaderboard, models in leaderboard order: battles between
/// each pair, and the row model's win rate against the column model (ties as half), null without battles.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PairMatrix(
    [property: Id(0)] string Category,
    [property: Id(1)] IReadOnlyList<string> Models,
    [property: Id(2)] IReadOnlyList<IReadOnlyList<long>> Battles,
    [property: Id(3)] IReadOnlyList<IReadOnlyList<double?>> WinRates);
