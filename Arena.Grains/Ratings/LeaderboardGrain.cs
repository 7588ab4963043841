using Arena.Battles;
using Arena.Ratings.Ledger;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Arena.Ratings;

/// <summary>
/// The singleton leaderboard. Votes are appended to the durable ledger in groups (one transaction per
/// group, so thousands of votes a second stay durable), applied in ledger order to online Elo overall
/// and per category, and acknowledged only once their group is committed. The ledger decides
/// exactly-once: a battle already in it gets its recorded result back. The grain state is only a
/// checkpoint; on activation the ledger rows after it are replayed.
/// </summary>
[Reentrant]
public sealed partial class LeaderboardGrain(
    [PersistentState("leaderboard", ArenaNames.Storage)] IPersistentState<LeaderboardState> state,
    IVoteLedger ledger,
    IOptions<EloOptions> elo,
    IOptions<RatingsOptions> ratings,
    TimeProvider time,
    ILogger<LeaderboardGrain> logger) : Grain, ILeaderboardGrain
{
    private const int MaxGroup = 2_000;
    private static readonly TimeSpan CheckpointPeriod = TimeSpan.FromSeconds(10);

    private readonly List<(VoteRecord Vote, TaskCompletionSource<VoteReveal> Done)> _queue = [];
    private readonly SemaphoreSlim _writing = new(1, 1);
    private bool _committing;
    private long _checkpointedSeq;
    private Dictionary<string, LeaderboardRatings> _bradleyTerry = new(StringComparer.Ordinal);
    private DateTimeOffset? _computedAt;
    private long _computedFromVotes;
    private Task? _recompute;
    private IGrainTimer? _debounce;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _checkpointedSeq = state.State.LastSeq;
        var replayed = 0;
        await foreach (var entry in ledger.ReadAsync(state.State.LastSeq, cancellationToken))
        {
            Apply(state.State, entry.Vote);
            state.State.LastSeq = entry.Seq;
            replayed++;
        }

        if (replayed > 0)
        {
            LogReplayed(logger, replayed, state.State.LastSeq);
        }

        this.RegisterGrainTimer(CheckpointAsync, CheckpointPeriod, CheckpointPeriod);
        ScheduleRecompute();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        await CheckpointAsync(cancellationToken);

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

    public Task<LeaderboardSnapshot> GetAsync(string? category = null)
    {
        var name = string.IsNullOrWhiteSpace(category) ? LeaderboardSnapshot.Overall : category.Trim();
        var board = name == LeaderboardSnapshot.Overall ? state.State.Overall : state.State.Categories.GetValueOrDefault(name) ?? new RatingBoard();
        var fitted = _bradleyTerry.GetValueOrDefault(name)?.Models.ToDictionary(m => m.Id, StringComparer.Ordinal);
        var models = board.Models
            .Select(m => new ModelStanding(
                m.Key, m.Value.Rating, m.Value.Votes, m.Value.Wins, m.Value.Losses, m.Value.Ties,
                fitted?.GetValueOrDefault(m.Key) is { } bt ? new BradleyTerryStanding(bt.Rating, bt.Lower, bt.Upper, bt.RankUb, bt.Provisional) : null))
            .OrderByDescending(m => m.Rating)
            .ThenBy(m => m.Model, StringComparer.Ordinal)
            .ToArray();
        return Task.FromResult(new LeaderboardSnapshot(models, board.Votes, name, _computedAt, _computedFromVotes));
    }

    public Task<PairMatrix> GetMatrixAsync(string? category = null)
    {
        var name = string.IsNullOrWhiteSpace(category) ? LeaderboardSnapshot.Overall : category.Trim();
        var board = name == LeaderboardSnapshot.Overall ? state.State.Overall : state.State.Categories.GetValueOrDefault(name) ?? new RatingBoard();
        var models = board.Models.OrderByDescending(m => m.Value.Rating).ThenBy(m => m.Key, StringComparer.Ordinal).Select(m => m.Key).ToArray();
        var battles = new List<IReadOnlyList<long>>();
        var winRates = new List<IReadOnlyList<double?>>();
        var wins = new List<IReadOnlyList<long>>();
        var ties = new List<IReadOnlyList<long>>();
        foreach (var row in models)
        {
            var counts = models.Select(column => row == column ? (0L, 0L, 0L) : board.Counts.Get(row, column)).ToArray();
            battles.Add(counts.Select(c => c.Item1 + c.Item2 + c.Item3).ToArray());
            winRates.Add(counts.Select(c => c.Item1 + c.Item2 + c.Item3 == 0 ? (double?)null : (c.Item1 + 0.5 * c.Item3) / (c.Item1 + c.Item2 + c.Item3)).ToArray());
            wins.Add(counts.Select(c => c.Item1).ToArray());
            ties.Add(counts.Select(c => c.Item3).ToArray());
        }

        return Task.FromResult(new PairMatrix(name, models, battles, winRates, wins, ties));
    }

    public Task RecomputeAsync()
    {
        _recompute ??= RecomputeNowAsync();
        return _recompute;
    }

    public Task<IReadOnlyList<string>> GetCategoriesAsync() =>
        Task.FromResult<IReadOnlyList<string>>(state.State.Categories.Keys.Order(StringComparer.Ordinal).ToArray());

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
                    results[vote.BattleId] = earlier.Reveal;
                }
                else if (!results.ContainsKey(vote.BattleId))
                {
                    var (a, b) = Apply(working, vote);
                    var entry = new LedgerEntry(0, vote, a.Rating, b.Rating, a.Delta, b.Delta);
                    entries.Add(entry);
                    results[vote.BattleId] = entry.Reveal;
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

            foreach (var (vote, done) in group)
            {
                done.TrySetResult(results[vote.BattleId]);
            }
        }
        catch (Exception ex)
        {
            // Not durable, so not counted and not acknowledged: callers may retry.
            LogCommitFailed(logger, ex, group.Length);
            foreach (var (_, done) in group)
            {
                done.TrySetException(ex);
            }
        }
    }

    private LeaderboardState CloneBoards() => new()
    {
        Overall = state.State.Overall.Clone(),
        Categories = state.State.Categories.ToDictionary(c => c.Key, c => c.Value.Clone(), StringComparer.Ordinal),
    };

    /// <summary>Applies a vote to the overall and category boards (counted votes only); returns the overall changes.</summary>
    private (RatingChange A, RatingChange B) Apply(LeaderboardState target, VoteRecord vote)
    {
        var options = elo.Value;
        if (!vote.Counts)
        {
            return (target.Overall.Current(vote.ModelA, options), target.Overall.Current(vote.ModelB, options));
        }

        if (!target.Categories.TryGetValue(vote.Category, out var category))
        {
            category = new RatingBoard();
            target.Categories[vote.Category] = category;
        }

        category.Apply(vote, options);
        return target.Overall.Apply(vote, options);
    }

    /// <summary>Starts (or pushes back) the debounced recompute after votes arrive.</summary>
    private void ScheduleRecompute()
    {
        var delay = ratings.Value.RecomputeDelay;
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
            var bt = new BradleyTerryOptions { BootstrapRounds = options.BootstrapRounds, Seed = options.Seed, MinVotes = options.MinVotes, MeanRating = elo.Value.InitialRating };
            var views = state.State.Categories.Select(c => (c.Key, c.Value.Counts.Clone()))
                .Prepend((LeaderboardSnapshot.Overall, state.State.Overall.Counts.Clone()))
                .ToArray();
            var votes = state.State.Overall.Votes;
            var results = await Task.Run(() => views.ToDictionary(v => v.Item1, v => BradleyTerry.Compute(v.Item2, bt), StringComparer.Ordinal));
            _bradleyTerry = results;
            _computedAt = time.GetUtcNow();
            _computedFromVotes = votes;
        }
        catch (Exception ex)
        {
            LogRecomputeFailed(logger, ex);
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

    private async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        if (state.State.LastSeq == _checkpointedSeq)
        {
            return;
        }

        await _writing.WaitAsync(cancellationToken);
        try
        {
            var seq = state.State.LastSeq;
            await state.WriteStateAsync(cancellationToken);
            _checkpointedSeq = seq;
        }
        finally
        {
            _writing.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Leaderboard replayed {Count} ledger rows up to {Seq}")]
    private static partial void LogReplayed(ILogger logger, int count, long seq);

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported {Imported} battles into the ledger ({Skipped} already there), up to {Seq}")]
    private static partial void LogImported(ILogger logger, long imported, long skipped, long seq);

    [LoggerMessage(Level = LogLevel.Error, Message = "Import {ImportId} failed; nothing was imported")]
    private static partial void LogImportFailed(ILogger logger, Exception exception, Guid importId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recomputing Bradley-Terry ratings failed")]
    private static partial void LogRecomputeFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A group of {Count} votes could not be written to the ledger")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception, int count);
}
