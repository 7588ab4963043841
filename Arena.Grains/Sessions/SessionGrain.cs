namespace Arena.Sessions;

/// <summary>One user's session: the battles it started, newest first, up to a bound.</summary>
public sealed class SessionGrain(
    [PersistentState("session", ArenaNames.Storage)] IPersistentState<SessionState> state) : Grain, ISessionGrain
{
    /// <summary>How many battles a session remembers.</summary>
    public const int MaxBattles = 200;

    public async Task AddBattleAsync(SessionBattle battle)
    {
        if (state.State.Battles.Any(b => b.BattleId == battle.BattleId))
        {
            return;
        }

        state.State.Battles.Insert(0, battle);
        if (state.State.Battles.Count > MaxBattles)
        {
            state.State.Battles.RemoveRange(MaxBattles, state.State.Battles.Count - MaxBattles);
        }

        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<SessionBattle>> GetBattlesAsync() =>
        Task.FromResult<IReadOnlyList<SessionBattle>>(state.State.Battles.ToArray());
}
