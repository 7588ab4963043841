using System.ComponentModel.DataAnnotations;

namespace Arena.Ratings;

/// <summary>How battle files are imported into the ledger (configuration section <c>Arena:Import</c>).</summary>
public sealed class ImportOptions
{
    public const string Section = "Arena:Import";

    /// <summary>
    /// Rows per chunk: each is one ledger transaction, and on SQLite the writers that queued meanwhile go before the
    /// next one (<see cref="Storage.SqliteWriteGate"/>), so a vote waits behind at most one chunk; larger chunks
    /// import faster (on SQLite, fewer rewrites of the battle-id index), smaller ones keep that wait shorter.
    /// </summary>
    [Range(1, 1_000_000)]
    public int ChunkRows { get; set; } = 20_000;
}
