using Arena.Ratings.Ledger;
using Arena.Storage;
using Microsoft.Extensions.Logging;

namespace Arena.Ratings;

/// <summary>
/// The ledger's one writer. Each activation claims the next writer epoch before it replays, and every ledger write it
/// makes carries that epoch; the database refuses writes of an epoch that is no longer current. An activation whose
/// write is refused (a newer one claimed: a cluster split, a second activation) answers its callers with a clear error
/// (nothing of theirs was written), stores no more checkpoints and ends, so the next call reaches the current one.
/// </summary>
public sealed partial class LeaderboardGrain
{
    private static readonly TimeSpan FencedRetryAfter = TimeSpan.FromSeconds(2);

    private long _epoch;
    private bool _fenced;

    private async Task ClaimLedgerAsync(CancellationToken cancellationToken)
    {
        _epoch = await ledger.ClaimWriterAsync($"{RuntimeIdentity} {IdentityString}", cancellationToken);
        LogClaimed(logger, _epoch);
    }

    /// <summary>What a caller of a fenced activation hears: nothing of theirs was written; sending again reaches the current writer.</summary>
    private static ArenaException Refused() => ArenaException.Unavailable(
        "The leaderboard moved to another server while this vote was on its way, so it was not counted here and nothing changed. Send it again in a moment.",
        FencedRetryAfter);

    private void ThrowIfFenced()
    {
        if (_fenced)
        {
            throw Refused();
        }
    }

    /// <summary>This activation lost the ledger: it stops writing and ends. Returns the error for its callers.</summary>
    private ArenaException Fenced(LedgerFencedException exception)
    {
        Fence(exception.Current);
        return Refused();
    }

    private void Fence(long current)
    {
        if (!_fenced)
        {
            _fenced = true;
            LogFenced(logger, _epoch, current);
            DeactivateOnIdle();
        }
    }

    /// <summary>False (and this activation ends) once a newer activation has claimed the ledger.</summary>
    private async Task<bool> IsLedgerWriterAsync(CancellationToken cancellationToken)
    {
        if (!_fenced)
        {
            var current = await Task.Run(() => ledger.GetWriterEpochAsync(cancellationToken), cancellationToken);
            if (current != _epoch)
            {
                Fence(current);
            }
        }

        return !_fenced;
    }

    /// <summary>
    /// Stores the checkpoint; true once stored. A fenced activation stores none. When another activation stored one since
    /// this one read it (one that lost the ledger meanwhile: its checkpoint is an older prefix of the ledger), the ledger's
    /// current writer takes the stored version and writes its own over it.
    /// </summary>
    private async Task<bool> StoreCheckpointAsync(CancellationToken cancellationToken)
    {
        if (_fenced)
        {
            return false;
        }

        try
        {
            await state.WriteStateAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (StorageConflicts.Is(ex))
        {
            if (!await IsLedgerWriterAsync(cancellationToken))
            {
                return false;
            }

            LogCheckpointConflict(logger, ex, _epoch);
            var mine = state.State;
            await state.ReadStateAsync(cancellationToken);
            state.State = mine;
            await state.WriteStateAsync(cancellationToken);
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Leaderboard claimed the vote ledger as writer epoch {Epoch}")]
    private static partial void LogClaimed(ILogger logger, long epoch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Leaderboard writer epoch {Epoch} lost the vote ledger to epoch {Current}; this activation refuses votes and ends")]
    private static partial void LogFenced(ILogger logger, long epoch, long current);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Another activation stored a leaderboard checkpoint; writer epoch {Epoch} stores its own over it")]
    private static partial void LogCheckpointConflict(ILogger logger, Exception exception, long epoch);
}
