using Microsoft.Extensions.Logging;

namespace Arena.Counters;

/// <summary>Stored daily counters: one tally per UTC day, keyed by <see cref="DateOnly.DayNumber"/>.</summary>
public interface IDailyTallies<TDay>
{
    Dictionary<int, TDay> Days { get; }
}

/// <summary>
/// A grain of daily counters. Counts change in memory and are written at most every <see cref="FlushPeriod"/>
/// and when the grain deactivates, so a busy arena costs one write per period, not one per event; a crash
/// loses at most the counts of the last period. A failed write is logged and tried again at the next period.
/// </summary>
public abstract class DailyCounterGrain<TState, TDay>(IPersistentState<TState> state, ILogger logger) : Grain
    where TState : IDailyTallies<TDay>
    where TDay : new()
{
    /// <summary>How long counts may wait in memory before they are written.</summary>
    public static readonly TimeSpan FlushPeriod = TimeSpan.FromSeconds(2);

    /// <summary>The longest series one call may ask for.</summary>
    public const int MaxDays = 3660;

    private bool _dirty;

    /// <summary>The counters; call <see cref="Changed"/> after changing them.</summary>
    protected TState Counters => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(FlushAsync, FlushPeriod, FlushPeriod);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => FlushAsync(cancellationToken);

    /// <summary>Marks the counters as changed, to be written at the next period.</summary>
    protected void Changed() => _dirty = true;

    /// <summary>The tally of the UTC day of <paramref name="at"/>, created when it has none yet.</summary>
    protected TDay Day(DateTimeOffset at)
    {
        var key = DateOnly.FromDateTime(at.UtcDateTime).DayNumber;
        if (!state.State.Days.TryGetValue(key, out var tally))
        {
            tally = new TDay();
            state.State.Days[key] = tally;
        }

        return tally;
    }

    /// <summary>Each day from <paramref name="from"/> to <paramref name="to"/> with its tally (default when nothing was counted); a reversed or over-long range is refused.</summary>
    protected IEnumerable<(DateOnly Day, TDay? Tally)> Range(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            throw ArenaException.Invalid($"The range ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).");
        }

        if (to.DayNumber - from.DayNumber >= MaxDays)
        {
            throw ArenaException.Invalid("Ask for at most ten years of days at once.");
        }

        return Days(from, to);
    }

    private IEnumerable<(DateOnly Day, TDay? Tally)> Days(DateOnly from, DateOnly to)
    {
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            yield return (day, state.State.Days.GetValueOrDefault(day.DayNumber));
        }
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
            CounterLog.FlushFailed(logger, GetType().Name, ex);
        }
    }
}

internal static partial class CounterLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Grain} could not write its counters; retrying at the next period")]
    public static partial void FlushFailed(ILogger logger, string grain, Exception exception);
}
