namespace Arena.Models.Cache;

/// <summary>Where recorded answers are kept: a table in Arena's database, so they survive restarts.</summary>
public interface IAnswerCacheStore
{
    /// <summary>The answer recorded under this key for this model, if it was recorded at or after <paramref name="notBefore"/>.</summary>
    Task<CachedAnswer?> FindAsync(string key, string modelId, DateTimeOffset notBefore, CancellationToken cancellationToken = default);

    /// <summary>
    /// Keeps an answer (the first recording of a key wins), then deletes recordings made before
    /// <paramref name="notBefore"/> and, past <paramref name="maxEntries"/>, the oldest.
    /// </summary>
    Task AddAsync(CachedAnswer answer, DateTimeOffset notBefore, int maxEntries, CancellationToken cancellationToken = default);

    /// <summary>How many answers are kept now.</summary>
    Task<long> CountAsync(CancellationToken cancellationToken = default);
}
