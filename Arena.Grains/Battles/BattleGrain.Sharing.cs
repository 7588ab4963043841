using Microsoft.Extensions.Logging;

namespace Arena.Battles;

/// <summary>Who may read a battle: its owner, and anyone else only once the owner shared it.</summary>
public sealed partial class BattleGrain
{
    public Task<BattleSnapshot> GetForAsync(string sessionId)
    {
        EnsureVisibleTo(sessionId);
        return Task.FromResult(Snapshot());
    }

    public async Task<BattleSnapshot> ShareAsync(string sessionId)
    {
        EnsureVisibleTo(sessionId);
        EnsureOwner(sessionId, "share it");
        if (Battle.Shared)
        {
            return Snapshot();
        }

        if (!BattleRules.MayShare(Battle.Mode, Battle.Status, Battle.Reveal is not null))
        {
            throw ArenaException.Conflict(Battle.Mode == BattleMode.Named
                ? "The assistants are still answering; share this comparison once both answers are complete."
                : "A blind battle can be shared once you have voted: until then its answers would give the models away.");
        }

        Battle.Shared = true;
        try
        {
            await SaveAsync();
        }
        catch
        {
            Battle.Shared = false;
            throw;
        }

        LogBattleShared(logger, this.GetPrimaryKey());
        return Snapshot();
    }

    /// <summary>Throws NotFound, as for an unknown id, unless <paramref name="sessionId"/> owns the battle or it was shared.</summary>
    private void EnsureVisibleTo(string sessionId)
    {
        EnsureExists();
        if (!Battle.Shared && !string.Equals(sessionId, Battle.SessionId, StringComparison.Ordinal))
        {
            throw ArenaException.NotFound($"There is no battle {this.GetPrimaryKey()}.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Battle {BattleId} shared by its owner")]
    private static partial void LogBattleShared(ILogger logger, Guid battleId);
}
