using Microsoft.Extensions.Logging;

namespace Arena.Moderation;

/// <summary>
/// Daily moderation counters. Counts change in memory and are written at most every <see cref="FlushPeriod"/>
/// and when the grain deactivates, so a flood of refused prompts costs one write per period; a crash loses at
/// most the counts of the last period.
/// </summary>
public sealed partial class ModerationStatsGrain(
    [PersistentState("moderationstats", ArenaNames.Storage)] IPersistentState<ModerationStatsState> state,
    ILogger<ModerationStatsGrain> logger) : Grain, IModerationStatsGrain
{
    /// <summary>How long counts may wait in memory before they are written.</summary>
    public static readonly TimeSpan FlushPeriod = TimeSpan.FromSeconds(2);

    /// <summary>The longest series one call may ask for.</summary>
    public const int MaxDays = 3660;

    private bool _dirty;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(FlushAsync, FlushPeriod, FlushPeriod);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => FlushAsync(cancellationToken);

    public Task FlaggedAsync(string source, DateTimeOffset at)
    {
        Increment(Day(at).Flagged, source);
        Increment(state.State.TotalFlagged, source);
        _dirty = true;
        return Task.CompletedTask;
    }

    public Task UnavailableAsync(string source, DateTimeOffset at)
    {
        Increment(Day(at).Unavailable, source);
        Increment(state.State.TotalUnavailable, source);
        _dirty = true;
        return Task.CompletedTask;
    }

    public Task<ModerationCounts> GetAsync(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            throw ArenaException.Invalid($"The range ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).");
        }

        if (to.DayNumber - from.DayNumber >= MaxDays)
        {
            throw ArenaException.Invalid("Ask for at most ten years of days at once.");
        }

        var days = new List<ModerationDayCounts>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var tally = state.State.Days.GetValueOrDefault(day.DayNumber);
            days.Add(new ModerationDayCounts(day, Copy(tally?.Flagged), Copy(tally?.Unavailable)));
        }

        return Task.FromResult(new ModerationCounts(Copy(state.State.TotalFlagged), Copy(state.State.TotalUnavailable), days));
    }

    private ModerationDayTally Day(DateTimeOffset at)
    {
        var key = DateOnly.FromDateTime(at.UtcDateTime).DayNumber;
        if (!state.State.Days.TryGetValue(key, out var tally))
        {
            tally = new ModerationDayTally();
            state.State.Days[key] = tally;
        }

        return tally;
    }

    private static void Increment(Dictionary<string, long> counts, string source) =>
        counts[source] = counts.GetValueOrDefault(source) + 1;

    private static Dictionary<string, long> Copy(Dictionary<string, long>? counts) =>
        counts is null ? [] : new Dictionary<string, long>(counts, StringComparer.Ordinal);

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write the moderation counters; retrying at the next period")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);
}
