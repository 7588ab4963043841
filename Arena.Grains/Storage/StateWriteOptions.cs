using System.ComponentModel.DataAnnotations;

namespace Arena.Storage;

/// <summary>How a battle's state write that fails is retried (configuration section <c>Arena:Storage</c>).</summary>
public sealed class StateWriteOptions
{
    public const string Section = "Arena:Storage";

    /// <summary>Attempts per write, the first included; 1 means a failed write is not retried.</summary>
    [Range(1, 20)]
    public int WriteAttempts { get; set; } = 4;

    /// <summary>The wait before the first retry; it doubles before each next one (200 ms, 400 ms, 800 ms by default).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan WriteRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);
}
