using System.ComponentModel.DataAnnotations;

namespace Arena.Ratings;

/// <summary>When Bradley–Terry is recomputed (configuration section <c>Arena:Ratings</c>).</summary>
public sealed class RatingsOptions
{
    public const string Section = "Arena:Ratings";

    /// <summary>The quiet time after a vote before the recompute starts; more votes in the meantime wait with it.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RecomputeDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Bootstrap rounds for the 95% intervals.</summary>
    [Range(1, 10_000)]
    public int BootstrapRounds { get; set; } = 100;

    /// <summary>The bootstrap's seed, so intervals reproduce.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Models with fewer votes are marked provisional.</summary>
    [Range(0, 1_000_000)]
    public int MinVotes { get; set; } = 30;
}
