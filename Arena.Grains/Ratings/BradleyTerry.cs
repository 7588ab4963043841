namespace Arena.Ratings;

/// <summary>
/// Bradley–Terry maximum-likelihood ratings from pairwise counts, with ties as half a win to each side
/// (evalica's definition), bootstrap confidence intervals and Chatbot Arena's Rank(UB).
/// <para>
/// The fit is the MM iteration of Zermelo / Hunter (2004) on W, where W[i][j] = wins of i over j + ½·ties:
/// p_i ← W_i / Σ_j n_ij / (p_i + p_j), with n_ij = W[i][j] + W[j][i], renormalised each step, until no p_i
/// changes by more than the tolerance, relatively. A step costs O(models + pairs); the vote count never
/// enters. Evalica (src/bradley_terry.rs) solves the same likelihood equations with Newman's (2023)
/// variant of the iteration, from p = 1, stopping at an L2 change below 1e-6 (at most 100 steps); both
/// converge to the same MLE, and this one is iterated further.
/// </para>
/// <para>
/// Degenerate data: the MLE exists exactly when, within each connected group of compared models, the
/// directed graph "i won (or tied) against j" is strongly connected. When it is not (a model with no
/// wins, or no losses and no ties, or a group that beat everyone outside it), every compared pair gets
/// <see cref="BradleyTerryOptions.DegenerateTiePseudoCount"/> virtual ties, which makes the MLE exist;
/// the result says <c>Regularized</c>. Models in different connected groups have never been compared,
/// directly or through others: each group is placed so its geometric-mean strength is 1 (its mean rating
/// is the anchor mean), and the result reports the number of <c>Components</c>. A model with no votes is
/// its own group.
/// </para>
/// <para>
/// The bootstrap (<see cref="BradleyTerryBootstrap"/>) resamples the battles with replacement, drawn
/// exactly as a multinomial over the (pair, outcome) cells, and refits each resample warm-started from the
/// point estimate: by the chord method on the point estimate's Hessian, by Newton's method when that stalls
/// or the resample is regularized, by MM otherwise. Rounds run on every core, each worker in its own
/// workspace; each round has its own random stream, so the intervals depend only on the counts, the
/// options and the seed.
/// </para>
/// </summary>
public static class BradleyTerry
{
    /// <summary>Strengths p (Σp = 1, in <see cref="PairwiseCounts.Models"/> order) and how the fit went.</summary>
    public static BradleyTerryFit Fit(PairwiseCounts counts, BradleyTerryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        options ??= new BradleyTerryOptions();
        Validate(options);
        var (p, info, _) = FitPoint(BradleyTerryProblem.From(counts), options, withHessian: false);
        var sum = p.Sum();
        for (var i = 0; i < p.Length; i++)
        {
            p[i] /= sum;
        }

        return new BradleyTerryFit(p, info.Iterations, info.Converged, info.Regularized, info.Components);
    }

    /// <summary>Ratings for strengths: Scale·log_Base(p) shifted to the mean, or to the anchor model.</summary>
    public static double[] ToRatings(IReadOnlyList<string> models, ReadOnlySpan<double> strengths, BradleyTerryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(models);
        options ??= new BradleyTerryOptions();
        var ratings = new double[strengths.Length];
        ToRatings(strengths, AnchorIndex(models, options), options, ratings);
        return ratings;
    }

    /// <summary>Rank(UB)_i = 1 + #{ j : lower_j &gt; upper_i }.</summary>
    public static int[] RankUpperBound(ReadOnlySpan<double> lower, ReadOnlySpan<double> upper)
    {
        if (lower.Length != upper.Length)
        {
            throw new ArgumentException("One upper bound per lower bound.", nameof(upper));
        }

        var ranks = new int[lower.Length];
        for (var i = 0; i < ranks.Length; i++)
        {
            var rank = 1;
            for (var j = 0; j < lower.Length; j++)
            {
                if (lower[j] > upper[i])
                {
                    rank++;
                }
            }

            ranks[i] = rank;
        }

        return ranks;
    }

    /// <summary>The full leaderboard: fit, bootstrap intervals, Rank(UB), records and the provisional flag.</summary>
    public static LeaderboardRatings Compute(PairwiseCounts counts, BradleyTerryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        options ??= new BradleyTerryOptions();
        Validate(options);
        var problem = BradleyTerryProblem.From(counts);
        var n = problem.ModelCount;
        var anchor = AnchorIndex(counts.Models, options);

        var bootstrap = options.BootstrapRounds > 0 && problem.TotalVotes > 0;
        var (p, info, hessian) = FitPoint(problem, options, withHessian: bootstrap);
        var ratings = new double[n];
        ToRatings(p, anchor, options, ratings);

        var lower = (double[])ratings.Clone();
        var upper = (double[])ratings.Clone();
        if (bootstrap)
        {
            new BradleyTerryBootstrap(problem, p, hessian, anchor, options).Run(lower, upper);
        }

        for (var i = 0; i < n; i++)
        {
            lower[i] = Math.Min(lower[i], ratings[i]);
            upper[i] = Math.Max(upper[i], ratings[i]);
        }

        var ranks = RankUpperBound(lower, upper);
        var records = problem.Records();
        var strengthSum = p.Sum();
        var models = new BradleyTerryRating[n];
        for (var i = 0; i < n; i++)
        {
            var r = records[i];
            models[i] = new BradleyTerryRating(
                counts.Models[i], ratings[i], lower[i], upper[i], ranks[i],
                r.Votes, r.Wins, r.Losses, r.Ties, r.Votes < options.MinVotes, p[i] / strengthSum);
        }

        Array.Sort(models, static (a, b) =>
            b.Rating.CompareTo(a.Rating) is var byRating and not 0 ? byRating : string.CompareOrdinal(a.Id, b.Id));
        return new LeaderboardRatings(
            models, problem.TotalVotes, options.BootstrapRounds, options.Seed,
            info.Iterations, info.Converged, info.Regularized, info.Components);
    }

    /// <summary>
    /// The point fit (MM from p = 1) and, when asked and the MLE exists for one connected group, the factored
    /// Hessian there, which warm-starts every bootstrap round's chord iteration.
    /// </summary>
    internal static (double[] P, FitInfo Info, CholeskyFactor? Hessian) FitPoint(BradleyTerryProblem problem, BradleyTerryOptions options, bool withHessian)
    {
        var n = problem.ModelCount;
        var ws = new BradleyTerryWorkspace(n, problem.PairCount);
        ws.Load(problem.I, problem.J, problem.WinsI, problem.WinsJ);
        var start = new double[n];
        Array.Fill(start, 1.0);
        var info = BradleyTerrySolver.Solve(ws, start, options.Tolerance, options.MaxIterations, options.DegenerateTiePseudoCount, chord: null);
        var p = ws.P.ToArray();
        if (!withHessian || info.Regularized || info.Components != 1 || n < 2)
        {
            return (p, info, null);
        }

        var hessian = new CholeskyFactor(n);
        return (p, info, BradleyTerryNewton.FactorHessian(ws, hessian) ? hessian : null);
    }

    internal static void ToRatings(ReadOnlySpan<double> p, int anchor, BradleyTerryOptions options, Span<double> ratings)
    {
        var factor = options.Scale / Math.Log(options.Base);
        var sum = 0.0;
        for (var i = 0; i < p.Length; i++)
        {
            ratings[i] = factor * Math.Log(p[i]);
            sum += ratings[i];
        }

        var offset = anchor >= 0 ? options.AnchorRating - ratings[anchor] : options.MeanRating - (p.Length > 0 ? sum / p.Length : 0);
        for (var i = 0; i < p.Length; i++)
        {
            ratings[i] += offset;
        }
    }

    private static int AnchorIndex(IReadOnlyList<string> models, BradleyTerryOptions options)
    {
        if (options.AnchorModel is null)
        {
            return -1;
        }

        for (var i = 0; i < models.Count; i++)
        {
            if (string.Equals(models[i], options.AnchorModel, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static void Validate(BradleyTerryOptions options)
    {
        if (!(options.Scale > 0) || !(options.Base > 1))
        {
            throw new ArgumentException("Scale must be positive and Base greater than 1.", nameof(options));
        }

        if (!(options.Tolerance > 0) || !(options.BootstrapTolerance > 0) || options.MaxIterations < 1 || options.BootstrapMaxIterations < 1)
        {
            throw new ArgumentException("Tolerances must be positive and both iteration caps at least 1.", nameof(options));
        }

        if (!(options.DegenerateTiePseudoCount > 0))
        {
            throw new ArgumentException("DegenerateTiePseudoCount must be positive.", nameof(options));
        }

        if (options.BootstrapRounds < 0 || !(options.Confidence is > 0 and < 1))
        {
            throw new ArgumentException("BootstrapRounds must be non-negative and Confidence in (0, 1).", nameof(options));
        }

        if (options.BootstrapWorkers < 0)
        {
            throw new ArgumentException("BootstrapWorkers must be 0 (one per core) or positive.", nameof(options));
        }
    }
}

/// <summary>A Bradley–Terry fit: strengths p with Σp = 1, in the counts' model order.</summary>
public sealed record BradleyTerryFit(double[] Strengths, int Iterations, bool Converged, bool Regularized, int Components);
