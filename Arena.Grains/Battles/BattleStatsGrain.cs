using Arena.Counters;
using Microsoft.Extensions.Logging;

namespace Arena.Battles;

/// <summary>Daily counters of battles started and voted on, written in periods (<see cref="DailyCounterGrain{TState, TDay}"/>).</summary>
public sealed class BattleStatsGrain(
    [PersistentState("battlestats", ArenaNames.Storage)] IPersistentState<BattleStatsState> state,
    ILogger<BattleStatsGrain> logger) : DailyCounterGrain<BattleStatsState, DayTally>(state, logger), IBattleStatsGrain
{
    public Task BattleStartedAsync(DateTimeOffset startedAt)
    {
        Day(startedAt).Started++;
        Counters.TotalStarted++;
        Changed();
        return Task.CompletedTask;
    }

    public Task BattleVotedAsync(DateTimeOffset startedAt, DateTimeOffset votedAt)
    {
        Day(votedAt).Votes++;
        Day(startedAt).StartedAndVoted++;
        Counters.TotalVoted++;
        Changed();
        return Task.CompletedTask;
    }

    public Task<BattleCounts> GetAsync(DateOnly from, DateOnly to)
    {
        var days = Range(from, to)
            .Select(d => new DayCounts(d.Day, d.Tally?.Started ?? 0, d.Tally?.Votes ?? 0, d.Tally?.StartedAndVoted ?? 0))
            .ToList();
        return Task.FromResult(new BattleCounts(days, Counters.TotalStarted, Counters.TotalVoted));
    }
}
