namespace Arena.Ratings.Ledger;

/// <summary>
/// Votes that battles recorded and the ledger has not counted yet (table <c>arena_vote_outbox</c>). A battle's
/// vote is durable once it is here; appending it to the ledger removes it in the same transaction.
/// </summary>
public interface IVoteOutbox
{
    /// <summary>Records a battle's vote, unless the battle already has one here or in the ledger; durable when the task completes.</summary>
    Task AddAsync(VoteRecord vote, CancellationToken cancellationToken = default);

    /// <summary>The battle's vote waiting here, if any.</summary>
    Task<VoteRecord?> FindAsync(Guid battleId, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> waiting votes cast at or before <paramref name="votedBefore"/>, oldest first.</summary>
    Task<IReadOnlyList<VoteRecord>> ReadAsync(DateTimeOffset votedBefore, int limit, CancellationToken cancellationToken = default);

    /// <summary>Removes the battles' rows (their votes are in the ledger).</summary>
    Task DeleteAsync(IReadOnlyCollection<Guid> battleIds, CancellationToken cancellationToken = default);
}
