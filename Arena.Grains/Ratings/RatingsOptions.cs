using System.ComponentModel.DataAnnotations;

namespace Arena.Ratings;

/// <summary>When Bradley–Terry is recomputed, and which votes are rated (configuration section <c>Arena:Ratings</c>).</summary>
public sealed class RatingsOptions
{
    public const string Section = "Arena:Ratings";

    /// <summary>The quiet time after a vote before the recompute starts; more votes in the meantime wait with it.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RecomputeDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The longest Bradley–Terry may lag the votes: a recompute starts at most this long after the first vote
    /// it has not seen, however often votes keep pushing the quiet time back.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxStaleness { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A vote cast sooner than this after both answers finished is recorded but not rated: nobody reads two
    /// answers that fast.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MinVoteDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long a vote call waits for the leaderboard to count a vote the battle has recorded; past it the call
    /// answers that the vote is recorded and the reveal follows. Kept well inside a grain call's 30 s timeout.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:20")]
    public TimeSpan RevealWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Bootstrap rounds for the 95% intervals.</summary>
    [Range(1, 10_000)]
    public int BootstrapRounds { get; set; } = 100;

    /// <summary>Threads the bootstrap's rounds run on; 0, one per core. The intervals are the same whatever the number.</summary>
    [Range(0, 256)]
    public int BootstrapWorkers { get; set; }

    /// <summary>The bootstrap's seed, so intervals reproduce.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Models with fewer votes are marked provisional.</summary>
    [Range(0, 1_000_000)]
    public int MinVotes { get; set; } = 30;
}
