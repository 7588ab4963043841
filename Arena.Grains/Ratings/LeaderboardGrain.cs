using Arena.Battles;
using Arena.Ratings.Integrity;
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
    IVoteOutbox outbox,
    VoteIntegrity integrity,
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
    private DateTimeOffset? _staleSince;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The ledger's writer from here on: an activation elsewhere (a cluster split) can no longer commit, and its
        // write in flight, if any, has committed before the claim did, so the replay below sees it.
        await ClaimLedgerAsync(cancellationToken);

        // No import survives its activation: rows of one that never completed go (readers skip them anyway).
        var abandoned = await ledger.DiscardImportAsync(_epoch, null, cancellationToken);
        if (abandoned > 0)
        {
            LogAbandonedImport(logger, abandoned);
        }

        await LoadQuarantineAsync(cancellationToken); // before the replay, which skips quarantined votes
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
        StartRecovery();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        await CheckpointAsync(cancellationToken);

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
            winRates.Add(counts.Select(c => WinRate.Of(c.Item1, c.Item3, c.Item1 + c.Item2 + c.Item3)).ToArray());
            wins.Add(counts.Select(c => c.Item1).ToArray());
            ties.Add(counts.Select(c => c.Item3).ToArray());
        }

        return Task.FromResult(new PairMatrix(name, models, battles, winRates, wins, ties));
    }

    public Task<IReadOnlyList<string>> GetCategoriesAsync() =>
        Task.FromResult<IReadOnlyList<string>>(state.State.Categories.Keys.Order(StringComparer.Ordinal).ToArray());

    private LeaderboardState CloneBoards() => CloneBoards(state.State);

    private static LeaderboardState CloneBoards(LeaderboardState source) => new()
    {
        Overall = source.Overall.Clone(),
        Categories = source.Categories.ToDictionary(c => c.Key, c => c.Value.Clone(), StringComparer.Ordinal),
        LastSeq = source.LastSeq,
    };

    /// <summary>Applies a vote to the overall and category boards (counted votes not quarantined only); returns the overall changes.</summary>
    private (RatingChange A, RatingChange B) Apply(LeaderboardState target, VoteRecord vote)
    {
        var options = elo.Value;
        if (!vote.Counts || QuarantinedBy(vote) is not null)
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

    private async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        // While an import is in flight the boards follow ledger rows on both sides of its pending chunks: the last
        // checkpoint from before it stays, and the replay from there is right whether the import completes or not.
        if (_import is not null)
        {
            await AbortIfIdleAsync();
            return;
        }

        if (state.State.LastSeq == _checkpointedSeq || !await IsLedgerWriterAsync(cancellationToken))
        {
            return;
        }

        await _writing.WaitAsync(cancellationToken);
        try
        {
            var seq = state.State.LastSeq;
            if (await StoreCheckpointAsync(cancellationToken))
            {
                _checkpointedSeq = seq;
            }
        }
        finally
        {
            _writing.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleted {Rows} ledger rows of imports that never completed")]
    private static partial void LogAbandonedImport(ILogger logger, long rows);

    [LoggerMessage(Level = LogLevel.Information, Message = "Leaderboard replayed {Count} ledger rows up to {Seq}")]
    private static partial void LogReplayed(ILogger logger, int count, long seq);
}
