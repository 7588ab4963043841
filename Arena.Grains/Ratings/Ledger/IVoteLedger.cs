namespace Arena.Ratings.Ledger;

/// <summary>The append-only, durable record of every vote, in the order the leaderboard applied them.</summary>
public interface IVoteLedger
{
    /// <summary>The ledger rows of those battles that have one.</summary>
    Task<IReadOnlyDictionary<Guid, LedgerEntry>> FindAsync(IReadOnlyCollection<Guid> battleIds, CancellationToken cancellationToken = default);

    /// <summary>Appends the entries in one transaction, in list order, removing their battles from the vote outbox in it; durable when the task completes. Returns the last sequence number.</summary>
    Task<long> AppendAsync(IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>The rows after <paramref name="afterSeq"/>, in ledger order, streamed.</summary>
    IAsyncEnumerable<LedgerEntry> ReadAsync(long afterSeq = 0, CancellationToken cancellationToken = default);

    /// <summary>Stages validated rows of import <paramref name="importId"/> (one transaction per call); the ledger is unchanged.</summary>
    Task StageAsync(Guid importId, IReadOnlyList<StagedBattle> rows, CancellationToken cancellationToken = default);

    /// <summary>Deletes the staged rows of import <paramref name="importId"/>, if any.</summary>
    Task DiscardImportAsync(Guid importId, CancellationToken cancellationToken = default);

    /// <summary>
    /// In one transaction: reads the staged rows of <paramref name="importId"/> in line order, skips those whose
    /// battle is already in the ledger (or earlier in the import), appends <paramref name="apply"/>'s entry for
    /// each of the others, and deletes the staged rows. Nothing is appended unless all are.
    /// </summary>
    Task<ImportResult> CommitImportAsync(Guid importId, Func<VoteRecord, LedgerEntry> apply, CancellationToken cancellationToken = default);
}
