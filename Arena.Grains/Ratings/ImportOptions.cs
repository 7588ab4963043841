using System.ComponentModel.DataAnnotations;

namespace Arena.Ratings;

/// <summary>How battle files are imported into the ledger (configuration section <c>Arena:Import</c>).</summary>
public sealed class ImportOptions
{
    public const string Section = "Arena:Import";

    /// <summary>
    /// Rows per chunk: each is one ledger transaction, and on SQLite the writers that queued meanwhile go before the
    /// next one (<see cref="Storage.SqliteWriteGate"/>), so a vote waits behind at most one chunk; larger chunks
    /// import faster (on SQLite, fewer rewrites of the battle-id index), smaller ones keep that wait shorter. Measured
    /// with the <c>import</c> benchmark (1M battles, 2 idle cores): 20,000 rows took 20.1 s with votes meanwhile at
    /// p99 1.2 s; 10,000, 26.4 s and 0.84 s; 5,000, 30.4 s and 0.44 s.
    /// </summary>
    [Range(1, 1_000_000)]
    public int ChunkRows { get; set; } = 10_000;
}
