using Microsoft.Extensions.Logging;

namespace Arena.Ratings;

/// <summary>Bradley–Terry with bootstrap intervals, recomputed off the grain's turn after votes arrive.</summary>
public sealed partial class LeaderboardGrain
{
    public Task RecomputeAsync()
    {
        _recompute ??= RecomputeNowAsync();
        return _recompute;
    }

    /// <summary>
    /// Starts (or pushes back) the debounced recompute after votes arrive: it runs once votes pause for
    /// <see cref="RatingsOptions.RecomputeDelay"/>, and at the latest <see cref="RatingsOptions.MaxStaleness"/>
    /// after the first vote it has not seen, so steady traffic cannot hold it back for ever.
    /// </summary>
    private void ScheduleRecompute()
    {
        var options = ratings.Value;
        var now = time.GetUtcNow();
        _staleSince ??= now;
        var latest = _staleSince.Value + options.MaxStaleness - now;
        var delay = options.RecomputeDelay < latest ? options.RecomputeDelay : latest;
        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }

        if (_debounce is null)
        {
            _debounce = this.RegisterGrainTimer(_ => RecomputeAsync(), delay, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _debounce.Change(delay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>
    /// Fits Bradley–Terry with bootstrap intervals for every view, on the thread pool from copies of
    /// the counts, so votes keep flowing meanwhile. Its cost depends on models and pairs, not on votes.
    /// </summary>
    private async Task RecomputeNowAsync()
    {
        try
        {
            var options = ratings.Value;
            var bt = new BradleyTerryOptions { BootstrapRounds = options.BootstrapRounds, BootstrapWorkers = options.BootstrapWorkers, Seed = options.Seed, MinVotes = options.MinVotes, MeanRating = elo.Value.InitialRating };
            var views = state.State.Categories.Select(c => (c.Key, c.Value.Counts.Clone()))
                .Prepend((LeaderboardSnapshot.Overall, state.State.Overall.Counts.Clone()))
                .ToArray();
            var votes = state.State.Overall.Votes;
            var started = time.GetUtcNow();
            var results = await Task.Run(() => views.ToDictionary(v => v.Item1, v => BradleyTerry.Compute(v.Item2, bt), StringComparer.Ordinal));
            _bradleyTerry = results;
            _computedAt = time.GetUtcNow();
            _computedFromVotes = votes;
            // Votes after the copy are stale from the moment it was taken, at the latest.
            _staleSince = state.State.Overall.Votes == votes ? null : started;
        }
        catch (Exception ex)
        {
            LogRecomputeFailed(logger, ex);
            _staleSince = time.GetUtcNow(); // the next try waits its turn rather than running at once
        }
        finally
        {
            _recompute = null;
        }

        if (state.State.Overall.Votes != _computedFromVotes)
        {
            ScheduleRecompute(); // votes arrived while this one ran
        }
    }


    [LoggerMessage(Level = LogLevel.Error, Message = "Recomputing Bradley-Terry ratings failed")]
    private static partial void LogRecomputeFailed(ILogger logger, Exception exception);
}
