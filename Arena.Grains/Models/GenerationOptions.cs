using System.ComponentModel.DataAnnotations;

namespace Arena.Models;

/// <summary>How generations are batched onto streams (configuration section <c>Arena:Generation</c>).</summary>
public sealed class GenerationOptions
{
    public const string Section = "Arena:Generation";

    /// <summary>The longest a token waits for others before it is sent on; the first token never waits.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>The most tokens in one batch.</summary>
    [Range(1, 10_000)]
    public int MaxBatchTokens { get; set; } = 32;

    /// <summary>The longest answer requested from a model, in tokens.</summary>
    [Range(1, 1_000_000)]
    public int MaxOutputTokens { get; set; } = 2048;
}
