using System.Globalization;

namespace Arena.Ratings.Ledger;

/// <summary>
/// A ledger write refused because its writer's epoch is no longer current: a newer leaderboard activation claimed
/// the ledger (<see cref="IVoteLedger.ClaimWriterAsync"/>). The write's transaction was rolled back, so nothing of it
/// is in the ledger.
/// </summary>
public sealed class LedgerFencedException(long epoch, long current)
    : Exception(string.Create(CultureInfo.InvariantCulture,
        $"The vote ledger refused a write of writer epoch {epoch}: epoch {current} has claimed it since. Nothing was written; this writer must stop."))
{
    /// <summary>The epoch the refused write carried.</summary>
    public long Epoch { get; } = epoch;

    /// <summary>The epoch that holds the ledger now.</summary>
    public long Current { get; } = current;
}
