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
    /// the pair counts with it, then Bradley–Terry. Runs on the thread pool; the boards are swapped in at the end.
    /// </summary>
    private async Task<long> RebuildAsync(long version)
    {
        var (rebuilt, quarantined, rows) = await Task.Run(async () =>
        {
            var target = new LeaderboardState();
            long held = 0;
            long read = 0;
            await foreach (var entry in ledger.ReadAsync(0))
            {
                read++;
                if (entry.Vote.Counts && QuarantinedBy(entry.Vote) is not null)
                {
                    held++;
                }

                Apply(target, entry.Vote);
                target.LastSeq = entry.Seq;
            }

            return (target, held, read);
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
        else
        {
            await state.WriteStateAsync();
            _checkpointedSeq = state.State.LastSeq;
        }

        LogRebuilt(logger, rebuilt.Overall.Votes, quarantined);
        ScheduleRecompute();
        return rows;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ratings rebuilt from the ledger: {Counted} votes rated, {Quarantined} quarantined")]
    private static partial void LogRebuilt(ILogger logger, long counted, long quarantined);
}
