using System.ComponentModel.DataAnnotations;

namespace Arena.Web.Limits;

/// <summary>How often one client address and one session may do an action: at most so many per window (0 = no limit on that side).</summary>
public sealed class RateRule
{
    /// <summary>Requests per window from one client address (0: not limited per address).</summary>
    [Range(0, 1_000_000)]
    public int PerAddress { get; set; }

    /// <summary>Requests per window from one session (0: not limited per session).</summary>
    [Range(0, 1_000_000)]
    public int PerSession { get; set; }

    /// <summary>The sliding window the counts are over.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    public static RateRule Of(int perAddress, int perSession) => new() { PerAddress = perAddress, PerSession = perSession };
}

/// <summary>How many of something one client address and one session may hold open at once (0 = no limit on that side).</summary>
public sealed class ConcurrencyRule
{
    /// <summary>Open at once from one client address (0: not limited per address).</summary>
    [Range(0, 1_000_000)]
    public int PerAddress { get; set; }

    /// <summary>Open at once from one session (0: not limited per session).</summary>
    [Range(0, 1_000_000)]
    public int PerSession { get; set; }
}
