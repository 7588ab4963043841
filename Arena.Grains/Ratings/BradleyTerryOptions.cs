namespace Arena.Ratings;

/// <summary>Settings of the Bradley–Terry fit, its bootstrap and the rating scale.</summary>
public sealed record BradleyTerryOptions
{
    /// <summary>Points per factor of <see cref="Base"/> in strength: rating = Scale·log_Base(p) + offset.</summary>
    public double Scale { get; init; } = 400;

    public double Base { get; init; } = 10;

    /// <summary>With no <see cref="AnchorModel"/>, the offset makes the mean rating of all models this value.</summary>
    public double MeanRating { get; init; } = 1500;

    /// <summary>When set (and known), the offset puts this model at <see cref="AnchorRating"/> instead (FastChat's way).</summary>
    public string? AnchorModel { get; init; }

    public double AnchorRating { get; init; } = 1500;

    /// <summary>The full fit stops when no strength changes by more than this, relatively, in one MM step.</summary>
    public double Tolerance { get; init; } = 1e-12;

    /// <summary>The same for each bootstrap refit (1e-9 relative is about 2e-7 rating points).</summary>
    public double BootstrapTolerance { get; init; } = 1e-9;

    /// <summary>A cap on MM steps per fit; a fit that reaches it reports <c>Converged = false</c>.</summary>
    public int MaxIterations { get; init; } = 100_000;

    /// <summary>
    /// A cap on steps per bootstrap refit. A refit is warm-started from the point estimate: chord steps on
    /// the point estimate's Hessian (a handful when the data is dense), Newton steps when those stall or
    /// the resample's MLE does not exist and it is regularized (tens at most), MM steps only when neither
    /// applies (several connected groups). A refit that reaches the cap stops there.
    /// </summary>
    public int BootstrapMaxIterations { get; init; } = 1_000;

    /// <summary>
    /// Virtual ties added to every compared pair, only when the maximum-likelihood estimate does not exist
    /// (some group of models never lost, nor tied, against the rest of its connected group, e.g. a model
    /// with no wins or no losses). Then ratings would be ±∞; this pseudo-count keeps them finite and ordered.
    /// It is not applied to data whose MLE exists, so such data gets evalica's exact answer.
    /// </summary>
    public double DegenerateTiePseudoCount { get; init; } = 0.01;

    /// <summary>Bootstrap rounds; 0 skips the bootstrap (lower = upper = rating).</summary>
    public int BootstrapRounds { get; init; } = 100;

    /// <summary>
    /// Seeds the bootstrap: round r draws from xoshiro256** stream (Seed, r), so the same counts, options and
    /// seed give the same intervals, whatever the number of workers.
    /// </summary>
    public int Seed { get; init; } = 42;

    /// <summary>The central coverage of the interval: 0.95 takes the 2.5% and 97.5% quantiles.</summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>
    /// Models with fewer votes are flagged provisional. 30 is where a win rate's standard error,
    /// √(0.25/n), falls below 0.1 (about ±70 rating points at even odds), the usual small-sample line; the
    /// bootstrap interval is still what a reader should trust.
    /// </summary>
    public int MinVotes { get; init; } = 30;

    /// <summary>Run bootstrap rounds on several threads (the result is the same either way).</summary>
    public bool Parallel { get; init; } = true;

    /// <summary>
    /// Threads that run bootstrap rounds when <see cref="Parallel"/>; 0 (the default) means one per core
    /// (<see cref="Environment.ProcessorCount"/>). Each keeps its own workspace; the result is the same for any value.
    /// </summary>
    public int BootstrapWorkers { get; init; }
}
