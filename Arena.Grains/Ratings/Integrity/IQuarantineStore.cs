namespace Arena.Ratings.Integrity;

/// <summary>The rigging detector's flags, kept next to the vote ledger (table <c>arena_vote_quarantine</c>).</summary>
public interface IQuarantineStore
{
    /// <summary>Every flag, active and cleared, oldest first.</summary>
    Task<IReadOnlyList<QuarantineFlag>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores new flags in one transaction; a voter that already has a flag keeps it.</summary>
    Task AddAsync(IReadOnlyList<QuarantineFlag> flags, CancellationToken cancellationToken = default);

    /// <summary>Clears a voter's active flag; false when it has none.</summary>
    Task<bool> ClearAsync(string voter, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The ledger's battle ids of a voter's votes, in ledger order, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<Guid>> BattlesOfAsync(string voter, int limit, CancellationToken cancellationToken = default);
}
