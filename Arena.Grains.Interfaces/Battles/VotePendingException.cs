namespace Arena.Battles;

/// <summary>
/// Not a failure: the vote is recorded durably and will count, but the leaderboard did not confirm it in
/// time, so the reveal follows (read the battle). Repeating the vote answers with the same recorded vote.
/// </summary>
[GenerateSerializer]
public sealed class VotePendingException : Exception
{
    public VotePendingException(BattleOutcome outcome)
        : base("Your vote is recorded and will count; the models are revealed as soon as the leaderboard has counted it.") =>
        Outcome = outcome;

    /// <summary>The vote as recorded.</summary>
    [Id(0)]
    public BattleOutcome Outcome { get; private set; }
}
