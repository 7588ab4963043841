using Arena.Counters;
using Microsoft.Extensions.Logging;

namespace Arena.Moderation;

/// <summary>Daily moderation counters per source, written in periods (<see cref="DailyCounterGrain{TState, TDay}"/>), so a flood of refused prompts costs one write per period.</summary>
public sealed class ModerationStatsGrain(
    [PersistentState("moderationstats", ArenaNames.Storage)] IPersistentState<ModerationStatsState> state,
    ILogger<ModerationStatsGrain> logger) : DailyCounterGrain<ModerationStatsState, ModerationDayTally>(state, logger), IModerationStatsGrain
{
    public Task FlaggedAsync(string source, DateTimeOffset at)
    {
        Increment(Day(at).Flagged, source);
        Increment(Counters.TotalFlagged, source);
        Changed();
        return Task.CompletedTask;
    }

    public Task UnavailableAsync(string source, DateTimeOffset at)
    {
        Increment(Day(at).Unavailable, source);
        Increment(Counters.TotalUnavailable, source);
        Changed();
        return Task.CompletedTask;
    }

    public Task<ModerationCounts> GetAsync(DateOnly from, DateOnly to)
    {
        var days = Range(from, to)
            .Select(d => new ModerationDayCounts(d.Day, Copy(d.Tally?.Flagged), Copy(d.Tally?.Unavailable)))
            .ToList();
        return Task.FromResult(new ModerationCounts(Copy(Counters.TotalFlagged), Copy(Counters.TotalUnavailable), days));
    }

    private static void Increment(Dictionary<string, long> counts, string source) =>
        counts[source] = counts.GetValueOrDefault(source) + 1;

    private static Dictionary<string, long> Copy(Dictionary<string, long>? counts) =>
        counts is null ? [] : new Dictionary<string, long>(counts, StringComparer.Ordinal);
}
