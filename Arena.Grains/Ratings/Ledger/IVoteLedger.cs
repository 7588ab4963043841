namespace Arena.Ratings.Ledger;

/// <summary>
/// The append-only, durable record of every vote, in the order the leaderboard applied them. It has one writer at a
/// time, enforced by the database: every write carries the writer epoch its caller claimed, and a write of an epoch
/// that is no longer current is refused. Rows commit in sequence order, so the rows after a seq are all that a reader
/// who has seen it has not.
/// </summary>
public interface IVoteLedger
{
    /// <summary>The ledger rows of those battles that have one.</summary>
    Task<IReadOnlyDictionary<Guid, LedgerEntry>> FindAsync(IReadOnlyCollection<Guid> battleIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes the caller the ledger's one writer: claims the next writer epoch and returns it. From then on every write
    /// of an older epoch is refused (<see cref="LedgerFencedException"/>); a write in flight finishes first.
    /// <paramref name="claimant"/> names the claimer for operators.
    /// </summary>
    Task<long> ClaimWriterAsync(string claimant, CancellationToken cancellationToken = default);

    /// <summary>The epoch that holds the ledger now (0 when none has claimed it).</summary>
    Task<long> GetWriterEpochAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends the entries in one transaction, in list order, removing their battles from the vote outbox in it; durable
    /// when the task completes. Returns the last sequence number. Refused, with nothing written, unless
    /// <paramref name="epoch"/> still holds the ledger.
    /// </summary>
    Task<long> AppendAsync(long epoch, IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>The rows after <paramref name="afterSeq"/>, in ledger order, streamed.</summary>
    IAsyncEnumerable<LedgerEntry> ReadAsync(long afterSeq = 0, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every row, from one snapshot, as a rebuild needs it: the votes that count and that <paramref name="hold"/>
    /// does not hold back, in ledger order, as model and category indexes.
    /// </summary>
    Task<Rebuild.RatedVotes> ReadRatedAsync(Rebuild.VoteHold hold, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends one chunk of import <paramref name="importId"/> in one short transaction, in list order, as rows no
    /// reader sees (<see cref="FindAsync"/>, <see cref="ReadAsync"/>) until <see cref="CompleteImportAsync"/>. Returns
    /// the chunk's last sequence number, or null, with nothing written, when one of its battles is already in the ledger.
    /// Like every write below, refused unless <paramref name="epoch"/> still holds the ledger.
    /// </summary>
    Task<long?> AppendImportAsync(long epoch, Guid importId, IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>Makes every chunk of import <paramref name="importId"/> part of the ledger, in one short transaction; durable when the task completes.</summary>
    Task CompleteImportAsync(long epoch, Guid importId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the rows of import <paramref name="importId"/> that is not complete (of every such import when null),
    /// one short transaction per chunk. Returns how many rows it deleted.
    /// </summary>
    Task<long> DiscardImportAsync(long epoch, Guid? importId, CancellationToken cancellationToken = default);
}
