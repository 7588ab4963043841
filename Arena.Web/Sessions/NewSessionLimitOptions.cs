using System.ComponentModel.DataAnnotations;

namespace Arena.Web.Sessions;

/// <summary>
/// The cap on new sessions per client address (configuration section <c>Arena:RateLimits</c>, which the other
/// rate limits share). Minting cookies is how sybils start, so an address gets only so many a minute.
/// </summary>
public sealed class NewSessionLimitOptions
{
    public const string Section = "Arena:RateLimits";

    /// <summary>False turns every rate limit off (load tests and benchmarks come from one address).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>New sessions one client address (an IPv6 /64) may be given per minute.</summary>
    [Range(1, 1_000_000)]
    public int NewSessionsPerMinute { get; set; } = 30;
}
