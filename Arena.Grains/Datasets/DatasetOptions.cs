using System.ComponentModel.DataAnnotations;

namespace Arena.Datasets;

/// <summary>Bounds on uploaded datasets and their parsed tables (configuration section <c>Arena:Datasets</c>).</summary>
public sealed class DatasetOptions
{
    public const string Section = "Arena:Datasets";

    /// <summary>The largest CSV file accepted, in bytes.</summary>
    [Range(typeof(long), "1", "2147483647")]
    public long MaxBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>The most columns a dataset may have.</summary>
    [Range(1, 10_000)]
    public int MaxColumns { get; set; } = 500;

    /// <summary>How many cells (rows × columns) of parsed tables stay in memory; the least recently used go first.</summary>
    [Range(typeof(long), "1", "9223372036854775807")]
    public long CacheCells { get; set; } = 10_000_000;
}
