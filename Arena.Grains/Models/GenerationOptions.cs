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

    /// <summary>How long a model may take to send its first token.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan FirstTokenTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a model may go quiet between tokens.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan IdleTokenTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a request may wait for a free slot: for this replica's concurrency limit, and through
    /// the server's 429/503 back-pressure before the first token. Then it fails clearly.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest answer requested from a model, in tokens.</summary>
    [Range(1, 1_000_000)]
    public int MaxOutputTokens { get; set; } = 2048;
}
