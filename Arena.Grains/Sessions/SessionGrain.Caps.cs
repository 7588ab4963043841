using System.Globalization;
using Arena.Battles;

namespace Arena.Sessions;

/// <summary>The session's caps: battles answering at once, and votes per UTC day.</summary>
public sealed partial class SessionGrain
{
    /// <summary>The wait a refused start is told: battles finish within seconds to minutes.</summary>
    public static readonly TimeSpan OpenBattleRetry = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Battles this session started in this activation that may still be answering: false while the start is
    /// under way (not yet confirmed by <see cref="AddBattleAsync"/>), true once the battle exists and can be asked.
    /// </summary>
    private readonly Dictionary<Guid, bool> _openBattles = [];

    public async Task ReserveBattleAsync(Guid battleId, int maxOpen)
    {
        if (maxOpen <= 0 || _openBattles.ContainsKey(battleId))
        {
            return;
        }

        foreach (var (id, started) in _openBattles.ToArray())
        {
            if (started && await GrainFactory.GetGrain<IBattleGrain>(id).GetStatusAsync() != BattleStatus.Streaming)
            {
                _openBattles.Remove(id);
            }
        }

        if (_openBattles.Count >= maxOpen)
        {
            throw ArenaException.TooManyRequests(
                $"This session has {_openBattles.Count} {(_openBattles.Count == 1 ? "battle" : "battles")} still answering, the most it may have at once. Wait for one to finish (or stop it), then try again.",
                OpenBattleRetry);
        }

        _openBattles[battleId] = false;
    }

    public Task ReleaseBattleAsync(Guid battleId)
    {
        _openBattles.Remove(battleId);
        return Task.CompletedTask;
    }

    public async Task<bool> CountVoteAsync(Guid battleId, int maxPerDay)
    {
        if (maxPerDay <= 0)
        {
            return false;
        }

        var now = time.GetUtcNow();
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var s = state.State;
        var voted = s.VoteDay == today ? s.VotedToday : [];
        if (voted.Contains(battleId))
        {
            return false;
        }

        if (voted.Count >= maxPerDay)
        {
            var wait = today.AddDays(1) - now;
            throw ArenaException.TooManyRequests(
                string.Create(CultureInfo.InvariantCulture,
                    $"This session has cast {voted.Count} {(voted.Count == 1 ? "vote" : "votes")} today, the most a session may cast in a day (UTC). Try again in {(int)wait.TotalHours} h {wait.Minutes} min."),
                wait);
        }

        var (previousDay, previousVotes) = (s.VoteDay, s.VotedToday);
        s.VoteDay = today;
        s.VotedToday = [.. voted, battleId];
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            (s.VoteDay, s.VotedToday) = (previousDay, previousVotes);
            throw;
        }

        return true;
    }

    public async Task UncountVoteAsync(Guid battleId)
    {
        if (state.State.VotedToday.Remove(battleId))
        {
            await state.WriteStateAsync();
        }
    }

    private void ConfirmOpenBattle(Guid battleId)
    {
        if (_openBattles.ContainsKey(battleId))
        {
            _openBattles[battleId] = true;
        }
    }
}
