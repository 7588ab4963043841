namespace Arena.Ratings;

/// <summary>
/// An import in flight in the leaderboard: its chunks are pending rows of the ledger, and <see cref="Shadow"/> is the
/// boards as they will be once it completes (every ledger row so far, in ledger order: its chunks and the votes cast
/// between them).
/// </summary>
internal sealed class ImportSession(Guid id, LeaderboardState shadow, DateTimeOffset now)
{
    public Guid Id { get; } = id;

    public LeaderboardState Shadow { get; private set; } = shadow;

    /// <summary>The index the next chunk must carry.</summary>
    public int NextChunk { get; set; }

    /// <summary>Battles of this import so far: a file may hold one twice.</summary>
    public HashSet<Guid> Seen { get; } = [];

    public long Imported { get; set; }

    public long Skipped { get; set; }

    /// <summary>Set when the live ratings were rebuilt from the ledger meanwhile: then the shadow is out of date.</summary>
    public bool RebuiltMeanwhile { get; set; }

    public DateTimeOffset LastActivity { get; private set; } = now;

    public void Touch(DateTimeOffset now) => LastActivity = now;

    /// <summary>Takes the boards after a durable write that ended at <paramref name="lastSeq"/>.</summary>
    public void Adopt(LeaderboardState boards, long lastSeq)
    {
        boards.LastSeq = Math.Max(boards.LastSeq, lastSeq);
        Shadow = boards;
    }
}
