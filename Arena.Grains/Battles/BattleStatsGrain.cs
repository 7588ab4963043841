using Microsoft.Extensions.Logging;

namespace Arena.Battles;

/// <summary>
/// Daily counters of battles started and voted on. Counts change in memory and are written at most every
/// <see cref="FlushPeriod"/> and when the grain deactivates, so a busy arena costs one write per period,
/// not one per battle; a crash loses at most the counts of the last period.
/// </summary>
public sealed partial class BattleStatsGrain(
    [PersistentState("battlestats", ArenaNames.Storage)] IPersistentState<BattleStatsState> state,
    ILogger<BattleStatsGrain> logger) : Grain, IBattleStatsGrain
{
    /// <summary>How long counts may wait in memory before they are written.</summary>
    public static readonly TimeSpan FlushPeriod = TimeSpan.FromSeconds(2);

    private bool _dirty;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(FlushAsync, FlushPeriod, FlushPeriod);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => FlushAsync(cancellationToken);

    public Task BattleStartedAsync(DateTimeOffset startedAt)
    {
        Day(startedAt).Started++;
        state.State.TotalStarted++;
        _dirty = true;
        return Task.CompletedTask;
    }

    public Task BattleVotedAsync(DateTimeOffset startedAt, DateTimeOffset votedAt)
    {
        Day(votedAt).Votes++;
        Day(startedAt).StartedAndVoted++;
        state.State.TotalVoted++;
        _dirty = true;
        return Task.CompletedTask;
    }

    public Task<BattleCounts> GetAsync(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            throw ArenaException.Invalid($"The range ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).");
        }

        if (to.DayNumber - from.DayNumber >= 3660)
        {
            throw ArenaException.Invalid("Ask for at most ten years of days at once.");
        }

        var days = new List<DayCounts>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var tally = state.State.Days.GetValueOrDefault(day.DayNumber);
            days.Add(new DayCounts(day, tally?.Started ?? 0, tally?.Votes ?? 0, tally?.StartedAndVoted ?? 0));
        }

        return Task.FromResult(new BattleCounts(days, state.State.TotalStarted, state.State.TotalVoted));
    }

    private DayTally Day(DateTimeOffset at)
    {
        var key = DateOnly.FromDateTime(at.UtcDateTime).DayNumber;
        if (!state.State.Days.TryGetValue(key, out var tally))
        {
            tally = new DayTally();
            state.State.Days[key] = tally;
        }

        return tally;
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (!_dirty)
        {
            return;
        }

        _dirty = false;
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            _dirty = true; // written again at the next period
            LogFlushFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write the battle counters; retrying at the next period")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);
}
