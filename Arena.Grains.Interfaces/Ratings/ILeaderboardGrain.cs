using Arena.Battles;

namespace Arena.Ratings;

/// <summary>The singleton leaderboard (key 0): applies each vote once and serves standings.</summary>
public interface ILeaderboardGrain : IGrainWithIntegerKey
{
    /// <summary>Appends a vote to the ledger and applies it, once per battle id; a repeat returns the first result unchanged.</summary>
    Task<VoteReveal> RecordVoteAsync(VoteRecord vote);

    /// <summary>
    /// Counts every vote a battle recorded that is not in the ledger yet (after a crash or a failed commit),
    /// as <see cref="RecordVoteAsync"/> would; returns how many it found. The leaderboard also does this on
    /// activation and on a timer.
    /// </summary>
    Task<int> RecoverVotesAsync();

    /// <summary>The current standings, best first: overall, or for one query category.</summary>
    [ReadOnly]
    Task<LeaderboardSnapshot> GetAsync(string? category = null);

    /// <summary>Recomputes Bradley–Terry with bootstrap intervals now, for every view, and waits for it.</summary>
    Task RecomputeAsync();

    /// <summary>Battles and win rates between every pair of models in a view.</summary>
    [ReadOnly]
    Task<PairMatrix> GetMatrixAsync(string? category = null);

    /// <summary>
    /// Starts import <paramref name="importId"/> (one at a time; a conflict while another runs): its chunks follow
    /// with <see cref="ImportChunkAsync"/>, then <see cref="CompleteImportAsync"/> or <see cref="AbortImportAsync"/>.
    /// Nothing of it is visible, in the ledger or the standings, until it completes.
    /// </summary>
    Task BeginImportAsync(Guid importId);

    /// <summary>
    /// Appends chunk <paramref name="index"/> (0, 1, 2, … in file order) of the import to the ledger, skipping
    /// battles already recorded or earlier in the import. Votes are committed between chunks; a failure aborts the import.
    /// </summary>
    [ResponseTimeout("00:10:00")]
    Task ImportChunkAsync(Guid importId, int index, Immutable<VoteRecord[]> votes);

    /// <summary>Makes every chunk of the import count at once and applies them, in ledger order, with the votes cast meanwhile.</summary>
    [ResponseTimeout("00:10:00")]
    Task<ImportResult> CompleteImportAsync(Guid importId);

    /// <summary>Abandons the import: its rows are deleted, and nothing of it ever counted.</summary>
    [ResponseTimeout("00:10:00")]
    Task AbortImportAsync(Guid importId);

    /// <summary>The rigging detector's flags, with the votes each holds back.</summary>
    Task<QuarantineReport> GetQuarantineAsync();

    /// <summary>Clears a voter's flag (an operator's decision) and rebuilds the ratings from the ledger with its votes.</summary>
    [ResponseTimeout("00:10:00")]
    Task<QuarantineCleared> ClearQuarantineAsync(string voter);

    /// <summary>
    /// Rebuilds every rating from the ledger with the current settings (Elo in ledger order, the pair counts, the
    /// quarantine), then recomputes Bradley–Terry, and says what it read. Votes wait meanwhile.
    /// </summary>
    [ResponseTimeout("00:10:00")]
    Task<RebuildReport> RebuildAsync();

    /// <summary>The categories that have votes.</summary>
    [ReadOnly]
    Task<IReadOnlyList<string>> GetCategoriesAsync();
}

/// <summary>What a rebuild read: every ledger row, the votes that now count, those quarantined, and the last sequence number.</summary>
[GenerateSerializer]
public sealed record RebuildReport(
    [property: Id(0)] long LedgerRows,
    [property: Id(1)] long RatedVotes,
    [property: Id(2)] long QuarantinedVotes,
    [property: Id(3)] long LastSeq);
