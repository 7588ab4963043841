using Arena.Storage;
using Microsoft.Extensions.Logging;

namespace Arena.Battles;

/// <summary>Storing the battle: writes retried, a turn that cannot be stored taken back, a stale activation ended.</summary>
public sealed partial class BattleGrain
{
    /// <summary>The wait a start refused because it could not be stored tells its client to take.</summary>
    private static readonly TimeSpan StartRetryAfter = TimeSpan.FromSeconds(2);

    /// <summary>True once a write met a version conflict: this activation's state can no longer be stored.</summary>
    private bool _stale;

    /// <summary>Writes the battle, retrying a failed write (<see cref="StateWriteOptions"/>); throws if it never succeeds.</summary>
    private async Task SaveAsync()
    {
        try
        {
            await (_writer ??= new(state, storage.Value, time)).WriteAsync((ex, attempt) => LogWriteRetried(logger, ex, this.GetPrimaryKey(), attempt));
        }
        catch (Exception ex) when (StorageConflicts.Is(ex))
        {
            // The database holds another version than this activation read: most likely a write whose answer was lost
            // did land. No later write can succeed here, so the activation ends (once no turn runs) and the next one
            // reads what is stored.
            LogStale(logger, ex, this.GetPrimaryKey());
            _stale = true;
            if (_running.IsCompleted)
            {
                DeactivateOnIdle();
            }

            throw;
        }
    }

    /// <summary>
    /// Stores a turn just added. If that fails, the turn is taken back: the battle is again as it was (in
    /// <paramref name="status"/>, with no turn running), and the caller hears that nothing changed.
    /// </summary>
    private async Task SaveNewTurnAsync(string action, Action undo, BattleStatus status)
    {
        try
        {
            await SaveAsync();
        }
        catch (Exception ex)
        {
            LogNewTurnNotSaved(logger, ex, this.GetPrimaryKey());
            Battle.Turns.RemoveAt(Battle.Turns.Count - 1);
            undo();
            Battle.Status = status;
            throw ArenaException.Unavailable($"Arena could not save the battle just now, so nothing changed; {action} again in a moment.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Battle {BattleId}: a state write failed (attempt {Attempt}); trying again")]
    private static partial void LogWriteRetried(ILogger logger, Exception exception, Guid battleId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Battle {BattleId}: its category {Category} could not be stored; it keeps the one stored")]
    private static partial void LogCategoryNotSaved(ILogger logger, Exception exception, Guid battleId, string category);

    [LoggerMessage(Level = LogLevel.Error, Message = "Battle {BattleId}: the stored battle is not the version this activation read; the activation ends and the next one reads it")]
    private static partial void LogStale(ILogger logger, Exception exception, Guid battleId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Battle {BattleId}: the start could not be stored; the battle did not start")]
    private static partial void LogStartNotSaved(ILogger logger, Exception exception, Guid battleId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Battle {BattleId}: a new turn could not be stored; it was taken back")]
    private static partial void LogNewTurnNotSaved(ILogger logger, Exception exception, Guid battleId);
}
