namespace Arena.Ratings.Ledger;

/// <summary>One validated row of an imported file, staged until the import commits; <see cref="Line"/> orders the import.</summary>
public sealed record StagedBattle(long Line, VoteRecord Vote);
