using System.ComponentModel.DataAnnotations;

namespace Arena.Ratings;

/// <summary>How battle files are imported into the ledger (configuration section <c>Arena:Import</c>).</summary>
public sealed class ImportOptions
{
    public const string Section = "Arena:Import";

    /// <summary>
    /// Rows per chunk: each is one ledger transaction, so a vote waits behind at most one chunk; larger chunks
    /// import faster (on SQLite, fewer rewrites of the battle-id index), smaller ones keep that wait shorter.
    /// </summary>
    [Range(1, 1_000_000)]
    public int ChunkRows { get; set; } = 20_000;

    /// <summary>
    /// The least time between two chunks. SQLite has no queue for its write lock: other writers (a battle's state,
    /// the vote outbox) poll for it, and an import that starts its next chunk at once can keep them out for long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan ChunkPause { get; set; } = TimeSpan.FromMilliseconds(100);
}
