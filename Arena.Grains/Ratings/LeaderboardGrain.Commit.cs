using Arena.Battles;
using Arena.Ratings.Ledger;
using Microsoft.Extensions.Logging;

namespace Arena.Ratings;

/// <summary>Recording votes: queued, committed to the ledger in groups, applied to Elo once durable.</summary>
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

        ThrowIfFenced();

        var done = new TaskCompletionSource<VoteReveal>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add((vote, done));
        if (!_committing)
        {
            _committing = true;
            _ = CommitQueuedAsync();
        }

        return done.Task;
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
            // Work on copies: the live boards change only once the group is durable. An import in flight keeps
            // its own boards, the ledger order with its chunks; the vote goes there too.
            var working = CloneBoards();
            var shadow = _import?.Shadow is { } boards ? CloneBoards(boards) : null;
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
                    if (shadow is not null)
                    {
                        Apply(shadow, vote);
                    }

                    var entry = new LedgerEntry(0, vote, a.Rating, b.Rating, a.Delta, b.Delta);
                    entries.Add(entry);
                    results[vote.BattleId] = RevealOf(entry);
                }
            }

            var lastSeq = await Task.Run(() => ledger.AppendAsync(_epoch, entries));
            if (entries.Count > 0)
            {
                state.State.Overall = working.Overall;
                state.State.Categories = working.Categories;
                state.State.LastSeq = lastSeq;
                _import?.Adopt(shadow!, lastSeq);
                ScheduleRecompute();
            }

            await QuarantineFlaggedAsync(); // a voter flagged in this group: its earlier votes leave the ratings
            foreach (var (vote, done) in group)
            {
                done.TrySetResult(results[vote.BattleId]);
            }
        }
        catch (LedgerFencedException ex)
        {
            // A newer activation holds the ledger: nothing of this group was written, and this activation ends.
            DiscardScreening();
            var refused = Fenced(ex);
            foreach (var (_, done) in group)
            {
                done.TrySetException(refused);
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


    [LoggerMessage(Level = LogLevel.Error, Message = "A group of {Count} votes could not be written to the ledger")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception, int count);
}
