using System.ComponentModel.DataAnnotations;

namespace Arena.Ratings.Integrity;

/// <summary>
/// The rigging detector's thresholds (configuration section <c>Arena:Integrity</c>). A voter is a session or a
/// client address; a voter that breaks a rule is flagged, and all its votes, earlier ones too, are quarantined:
/// recorded in the ledger, not rated, until an operator clears the flag.
/// </summary>
public sealed class IntegrityOptions
{
    public const string Section = "Arena:Integrity";

    /// <summary>Whether votes are screened at all; off, nothing is flagged and no flag holds a vote back.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The one-sided binomial test's significance level: a voter is flagged when, among its battles where a model
    /// appeared, it chose that model so often that its overall win rate would give that few times in this many.
    /// </summary>
    [Range(1e-15, 0.01)]
    public double Alpha { get; set; } = 1e-6;

    /// <summary>The test waits for this many of a voter's battles with the model.</summary>
    [Range(2, 100_000)]
    public int MinVotes { get; set; } = 8;

    /// <summary>
    /// The recent votes (of everyone) whose choices give each model's base rate for the target-only rule: a voter
    /// that chooses one model in far more of its votes than recent votes do. Recent, so that a new model is compared
    /// with how often it is shown now.
    /// </summary>
    [Range(100, 10_000_000)]
    public int BaselineWindow { get; set; } = 5_000;

    /// <summary>The window of the burst rule.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan BurstWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Most votes one session casts within <see cref="BurstWindow"/>; one more is a burst.</summary>
    [Range(1, 1_000_000)]
    public int SessionBurstVotes { get; set; } = 30;

    /// <summary>Most votes from one client address within <see cref="BurstWindow"/> (several people may share one).</summary>
    [Range(1, 1_000_000)]
    public int AddressBurstVotes { get; set; } = 150;

    /// <summary>Most distinct sessions voting from one client address within <see cref="SessionWindow"/>.</summary>
    [Range(1, 1_000_000)]
    public int MaxSessionsPerAddress { get; set; } = 40;

    /// <summary>The window of the sessions-per-address rule.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan SessionWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Most votes one session casts on battles with the same first prompt.</summary>
    [Range(1, 1_000_000)]
    public int SessionRepeatedPrompts { get; set; } = 5;

    /// <summary>Most votes from one client address on battles with the same first prompt.</summary>
    [Range(1, 1_000_000)]
    public int AddressRepeatedPrompts { get; set; } = 20;

    /// <summary>
    /// The key of the keyed hash (HMAC-SHA256) of client addresses. Set it (from the environment) in production:
    /// without it the hash is a plain SHA-256, and the 2^32 IPv4 addresses can be tried one by one.
    /// </summary>
    public string? AddressHashKey { get; set; }

    /// <summary>
    /// Loopback clients get no address hash: behind a reverse proxy that is not a configured known proxy every
    /// user appears as the proxy, and the address rules would treat them all as one voter.
    /// </summary>
    public bool IgnoreLoopback { get; set; } = true;
}
