using Arena.Battles;

namespace Arena.Ratings.Ledger;

/// <summary>One row of the vote ledger: the vote, whether it counted, and the overall Elo it produced.</summary>
public sealed record LedgerEntry(
    long Seq,
    VoteRecord Vote,
    double RatingA,
    double RatingB,
    double DeltaA,
    double DeltaB,
    string Source = LedgerEntry.FromVote)
{
    public const string FromVote = "vote";
    public const string FromImport = "import";

    /// <summary>The reply the vote got, rebuilt from the row (repeated requests get the same).</summary>
    public VoteReveal Reveal => new(
        Vote.Outcome,
        new RatingChange(Vote.ModelA, RatingA, DeltaA),
        new RatingChange(Vote.ModelB, RatingB, DeltaB),
        Vote.Counts ? null : Vote.ExcludedReason ?? "Named battles are kept but not rated.");

    /// <summary>The Chatbot Arena name of an outcome: model_a, model_b, tie, tie (bothbad).</summary>
    public static string OutcomeName(BattleOutcome outcome) => outcome switch
    {
        BattleOutcome.A => "model_a",
        BattleOutcome.B => "model_b",
        BattleOutcome.Tie => "tie",
        BattleOutcome.BothBad => "tie (bothbad)",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown outcome."),
    };

    /// <summary>The outcome for a Chatbot Arena winner value, or null if it is not one.</summary>
    public static BattleOutcome? ParseOutcome(string? name) => name switch
    {
        "model_a" => BattleOutcome.A,
        "model_b" => BattleOutcome.B,
        "tie" => BattleOutcome.Tie,
        "tie (bothbad)" => BattleOutcome.BothBad,
        _ => null,
    };

    public static string ModeName(BattleMode mode) => mode == BattleMode.Named ? "named" : "anony";
}
