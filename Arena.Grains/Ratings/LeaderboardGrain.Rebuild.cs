using Arena.Ratings.Rebuild;
using Microsoft.Extensions.Logging;

namespace Arena.Ratings;

/// <summary>Every rating rebuilt from the ledger: after a quarantine changes, or when an operator asks.</summary>
public sealed partial class LeaderboardGrain
{
    public async Task<RebuildReport> RebuildAsync()
    {
        await _writing.WaitAsync();
        long rows;
        try
        {
            rows = await RebuildAsync(_quarantineVersion);
        }
        finally
        {
            _writing.Release();
        }

        await RecomputeAsync();
        return new RebuildReport(rows, state.State.Overall.Votes, _quarantinedVotes, state.State.LastSeq);
    }

    /// <summary>
    /// Rebuilds every rating from the ledger: Elo in ledger order over the votes that count and are not quarantined,
    /// the pair counts with it, then Bradley–Terry. The ledger is read as compact rows (<see cref="IVoteLedger.ReadRatedAsync"/>)
    /// and the boards built by model index; on the thread pool, swapped in at the end.
    /// </summary>
    private async Task<long> RebuildAsync(long version)
    {
        var hold = _detector?.Hold() ?? VoteHold.None;
        var (rebuilt, quarantined, rows) = await Task.Run(async () =>
        {
            var votes = await ledger.ReadRatedAsync(hold);
            return (RatingRebuild.Build(votes, elo.Value), votes.Held, votes.Rows);
        });
        state.State.Overall = rebuilt.Overall;
        state.State.Categories = rebuilt.Categories;
        state.State.LastSeq = Math.Max(state.State.LastSeq, rebuilt.LastSeq);
        state.State.QuarantineVersion = version;
        _quarantinedVotes = quarantined;
        _quarantineVersion = version;
        if (_import is not null)
        {
            _import.RebuiltMeanwhile = true; // its boards predate the rebuild: it completes with another one
        }
        else if (await StoreCheckpointAsync(CancellationToken.None))
        {
            _checkpointedSeq = state.State.LastSeq;
        }

        LogRebuilt(logger, rebuilt.Overall.Votes, quarantined);
        ScheduleRecompute();
        return rows;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ratings rebuilt from the ledger: {Counted} votes rated, {Quarantined} quarantined")]
    private static partial void LogRebuilt(ILogger logger, long counted, long quarantined);
}
