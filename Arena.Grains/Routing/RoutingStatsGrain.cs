namespace Arena.Routing;

/// <summary>
/// The routing distribution (singleton, key 0). A record only updates memory; a timer writes the state every
/// <see cref="FlushPeriod"/> when something changed, and deactivation writes it too. So a silo crash loses at most
/// the decisions of the last flush period (about five seconds); a clean shutdown loses none.
/// </summary>
public sealed class RoutingStatsGrain(
    [PersistentState("routing-stats", ArenaNames.Storage)] IPersistentState<RoutingStatsState> state,
    TimeProvider time) : Grain, IRoutingStatsGrain
{
    /// <summary>How often pending counts are written.</summary>
    public static readonly TimeSpan FlushPeriod = TimeSpan.FromSeconds(5);

    /// <summary>How many days of per-day counts are kept.</summary>
    public const int MaxDays = 366;

    /// <summary>Bounds the number of (route, category) pairs, whatever callers send.</summary>
    public const int MaxCategories = 200;

    private bool _dirty;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(_ => FlushAsync(), FlushPeriod, FlushPeriod);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => FlushAsync();

    public Task RecordAsync(RoutingRecord record)
    {
        Validate(record);
        var key = $"{record.Route}/{record.Category}";
        if (!state.State.Categories.TryGetValue(key, out var tally))
        {
            if (state.State.Categories.Count >= MaxCategories)
            {
                throw ArenaException.Invalid($"Routing statistics hold at most {MaxCategories} route/category pairs; '{key}' is one too many.");
            }

            tally = new CategoryTally { Route = record.Route, Category = record.Category };
            state.State.Categories[key] = tally;
        }

        tally.Count++;
        tally.ConfidenceSum += record.Confidence;
        tally.Histogram[Bucket(record.Confidence)]++;
        tally.Overrides += record.Overridden ? 1 : 0;

        var day = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (!state.State.Days.TryGetValue(day, out var today))
        {
            today = new DayTally();
            state.State.Days[day] = today;
            while (state.State.Days.Count > MaxDays)
            {
                state.State.Days.Remove(state.State.Days.Keys.First());
            }
        }

        if (record.Route == Routes.Assistant)
        {
            today.Assistant++;
        }
        else
        {
            today.Arena++;
        }

        today.Overrides += record.Overridden ? 1 : 0;
        _dirty = true;
        return Task.CompletedTask;
    }

    public Task<RoutingStatsSnapshot> GetAsync()
    {
        var tallies = state.State.Categories.Values;
        var histogram = new long[RoutingStatsSnapshot.Buckets];
        foreach (var t in tallies)
        {
            for (var b = 0; b < histogram.Length; b++)
            {
                histogram[b] += t.Histogram[b];
            }
        }

        var routes = new[] { Routes.Arena, Routes.Assistant }
            .Select(r => new RouteCount(r, tallies.Where(t => t.Route == r).Sum(t => t.Count)))
            .ToArray();
        var categories = tallies
            .OrderBy(t => t.Route, StringComparer.Ordinal).ThenByDescending(t => t.Count).ThenBy(t => t.Category, StringComparer.Ordinal)
            .Select(t => new CategoryRouting(t.Route, t.Category, t.Count, t.Count == 0 ? 0 : Math.Round(t.ConfidenceSum / t.Count, 4), t.Overrides, [.. t.Histogram]))
            .ToArray();
        var days = state.State.Days.Select(d => new DayRouting(d.Key, d.Value.Arena, d.Value.Assistant, d.Value.Overrides)).ToArray();
        return Task.FromResult(new RoutingStatsSnapshot(
            tallies.Sum(t => t.Count), tallies.Sum(t => t.Overrides), routes, categories, histogram, days));
    }

    public async Task FlushAsync()
    {
        if (!_dirty)
        {
            return;
        }

        // Counts recorded while the write is under way are not lost: the flag is cleared before, set again by them.
        _dirty = false;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            _dirty = true;
            throw;
        }
    }

    /// <summary>The decile of a confidence in 0..1 (1.0 falls in the last).</summary>
    public static int Bucket(double confidence) => Math.Clamp((int)(confidence * RoutingStatsSnapshot.Buckets), 0, RoutingStatsSnapshot.Buckets - 1);

    private static void Validate(RoutingRecord record)
    {
        if (record.Route is not (Routes.Arena or Routes.Assistant))
        {
            throw ArenaException.Invalid($"'{record.Route}' is not a route; it is {Routes.Arena} or {Routes.Assistant}.");
        }

        if (string.IsNullOrWhiteSpace(record.Category) || record.Category.Length > 64)
        {
            throw ArenaException.Invalid("A routing record needs a category of 1 to 64 characters.");
        }

        if (double.IsNaN(record.Confidence) || record.Confidence is < 0 or > 1)
        {
            throw ArenaException.Invalid($"A confidence is between 0 and 1, not {record.Confidence}.");
        }
    }
}
