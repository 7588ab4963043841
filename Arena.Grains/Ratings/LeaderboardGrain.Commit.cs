using Arena.Battles;
using Arena.Ratings.Ledger;
using Microsoft.Extensions.Logging;

namespace Arena.Ratings;

/// <summary>Recording votes and imports: queued, committed to the ledger in groups, applied to Elo once durable.</summary>
public sealed partial class LeaderboardGrain
{
    public Task<VoteReveal> RecordVoteAsync(VoteRecord vote)
    {
        if (string.IsNullOrWhiteSpace(vote.ModelA) || string.IsNullOrWhiteSpace(vote.ModelB) || vote.ModelA == vote.ModelB)
        {
            throw ArenaException.Invalid("A vote needs two different models.");
        }

        if (!Enum.IsDefined(vote.Outcome))
        {
            throw ArenaException.Invalid($"Unknown outcome {(int)vote.Outcome}.");
        }

        if (string.IsNullOrWhiteSpace(vote.Category))
        {
            throw ArenaException.Invalid("A vote needs a category.");
        }

        var done = new TaskCompletionSource<VoteReveal>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add((vote, done));
        if (!_committing)
        {
            _committing = true;
            _ = CommitQueuedAsync();
        }

        return done.Task;
    }

    public async Task<ImportResult> ImportAsync(Guid importId)
    {
        await _writing.WaitAsync();
        try
        {
            // As CommitAsync: Elo on copies, swapped in only once the ledger transaction has committed.
            var working = CloneBoards();
            var result = await ledger.CommitImportAsync(importId, vote =>
            {
                var (a, b) = Apply(working, vote);
                return new LedgerEntry(0, vote, a.Rating, b.Rating, a.Delta, b.Delta, LedgerEntry.FromImport);
            });
            if (result.Imported > 0)
            {
                state.State.Overall = working.Overall;
                state.State.Categories = working.Categories;
                state.State.LastSeq = result.LastSeq;
                ScheduleRecompute();
            }

            LogImported(logger, result.Imported, result.SkippedDuplicates, result.LastSeq);
            return result;
        }
        catch (Exception ex)
        {
            LogImportFailed(logger, ex, importId);
            throw;
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>Commits queued votes group by group, while votes keep arriving.</summary>
    private async Task CommitQueuedAsync()
    {
        try
        {
            while (_queue.Count > 0)
            {
                var group = _queue.Take(MaxGroup).ToArray();
                _queue.RemoveRange(0, group.Length);
                await _writing.WaitAsync();
                try
                {
                    await CommitAsync(group);
                }
                finally
                {
                    _writing.Release();
                }
            }
        }
        finally
        {
            _committing = false;
        }
    }

    private async Task CommitAsync((VoteRecord Vote, TaskCompletionSource<VoteReveal> Done)[] group)
    {
        try
        {
            // Database work runs on the thread pool, so this activation keeps taking votes meanwhile:
            // they form the next group. (SQLite's async calls complete synchronously.)
            await EnsureDetectorAsync();
            var ids = group.Select(g => g.Vote.BattleId).ToHashSet();
            var recorded = await Task.Run(() => ledger.FindAsync(ids));
            // Work on copies: the live boards change only once the group is durable.
            var working = CloneBoards();
            var results = new Dictionary<Guid, VoteReveal>();
            var entries = new List<LedgerEntry>();
            foreach (var (vote, _) in group)
            {
                if (recorded.TryGetValue(vote.BattleId, out var earlier))
                {
                    results[vote.BattleId] = RevealOf(earlier);
                }
                else if (!results.ContainsKey(vote.BattleId))
                {
                    Screen(vote, working.Overall);
                    var (a, b) = Apply(working, vote);
                    var entry = new LedgerEntry(0, vote, a.Rating, b.Rating, a.Delta, b.Delta);
                    entries.Add(entry);
                    results[vote.BattleId] = RevealOf(entry);
                }
            }

            var lastSeq = await Task.Run(() => ledger.AppendAsync(entries));
            if (entries.Count > 0)
            {
                state.State.Overall = working.Overall;
                state.State.Categories = working.Categories;
                state.State.LastSeq = lastSeq;
                ScheduleRecompute();
            }

            await QuarantineFlaggedAsync(); // a voter flagged in this group: its earlier votes leave the ratings
            foreach (var (vote, done) in group)
            {
                done.TrySetResult(results[vote.BattleId]);
            }
        }
        catch (Exception ex)
        {
            // Not durable, so not counted and not acknowledged: callers may retry.
            LogCommitFailed(logger, ex, group.Length);
            DiscardScreening();
            foreach (var (_, done) in group)
            {
                done.TrySetException(ex);
            }
        }
    }


    [LoggerMessage(Level = LogLevel.Information, Message = "Imported {Imported} battles into the ledger ({Skipped} already there), up to {Seq}")]
    private static partial void LogImported(ILogger logger, long imported, long skipped, long seq);

    [LoggerMessage(Level = LogLevel.Error, Message = "Import {ImportId} failed; nothing was imported")]
    private static partial void LogImportFailed(ILogger logger, Exception exception, Guid importId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A group of {Count} votes could not be written to the ledger")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception, int count);
}
