using System.ComponentModel.DataAnnotations;

namespace Arena.Models;

/// <summary>How model endpoints are watched (configuration section <c>Arena:Health</c>).</summary>
public sealed class ModelHealthOptions
{
    public const string Section = "Arena:Health";

    /// <summary>How often each replica probes its endpoint, and how often silos refresh the health board.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest a probe may take before it counts as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Consecutive failures (probes or requests) that open a replica's circuit.</summary>
    [Range(1, 1000)]
    public int FailureThreshold { get; set; } = 3;

    /// <summary>The longest the health board waits for a replica to report before calling it unreachable.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan StatusTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
