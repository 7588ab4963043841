namespace Arena.Ratings.Ledger;

/// <summary>The append-only, durable record of every vote, in the order the leaderboard applied them.</summary>
public interface IVoteLedger
{
    /// <summary>The ledger rows of those battles that have one.</summary>
    Task<IReadOnlyDictionary<Guid, LedgerEntry>> FindAsync(IReadOnlyCollection<Guid> battleIds, CancellationToken cancellationToken = default);

    /// <summary>Appends the entries in one transaction, in list order; durable when the task completes. Returns the last sequence number.</summary>
    Task<long> AppendAsync(IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>The rows after <paramref name="afterSeq"/>, in ledger order, streamed.</summary>
    IAsyncEnumerable<LedgerEntry> ReadAsync(long afterSeq = 0, CancellationToken cancellationToken = default);
}
