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
/// </summary>
public static class BradleyTerry
{
    /// <summary>Strengths p (Σp = 1, in <see cref="PairwiseCounts.Models"/> order) and how the fit went.</summary>
    public static BradleyTerryFit Fit(PairwiseCounts counts, BradleyTerryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        options ??= new BradleyTerryOptions();
        Validate(options);
        var problem = Problem.From(counts);
        var p = Enumerable.Repeat(1.0, problem.ModelCount).ToArray();
        var info = FitCore(problem, problem.WinsI, problem.WinsJ, p, options.Tolerance, options.MaxIterations, options.DegenerateTiePseudoCount);
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
        var problem = Problem.From(counts);
        var n = problem.ModelCount;
        var anchor = AnchorIndex(counts.Models, options);

        var p = Enumerable.Repeat(1.0, n).ToArray();
        var info = FitCore(problem, problem.WinsI, problem.WinsJ, p, options.Tolerance, options.MaxIterations, options.DegenerateTiePseudoCount);
        var ratings = new double[n];
        ToRatings(p, anchor, options, ratings);

        var lower = (double[])ratings.Clone();
        var upper = (double[])ratings.Clone();
        if (options.BootstrapRounds > 0 && problem.TotalVotes > 0)
        {
            Bootstrap(problem, p, anchor, options, lower, upper);
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

    /// <summary>The linear-interpolation quantile (numpy's default) of sorted values.</summary>
    internal static double Quantile(ReadOnlySpan<double> sorted, double q)
    {
        var position = (sorted.Length - 1) * q;
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }

    private static void Bootstrap(Problem problem, double[] fitted, int anchor, BradleyTerryOptions options, double[] lower, double[] upper)
    {
        var n = problem.ModelCount;
        var m = problem.PairCount;
        var rounds = options.BootstrapRounds;

        // Cells of the categorical distribution: (pair, I won), (pair, J won), (pair, tie).
        var weights = new long[3 * m];
        for (var k = 0; k < m; k++)
        {
            weights[3 * k] = problem.CountI[k];
            weights[(3 * k) + 1] = problem.CountJ[k];
            weights[(3 * k) + 2] = problem.CountTies[k];
        }

        // One seed per round, drawn in order, so threads cannot change the result.
        var master = new Random(options.Seed);
        var seeds = new int[rounds];
        for (var r = 0; r < rounds; r++)
        {
            seeds[r] = master.Next();
        }

        var samples = new double[rounds][];
        void Round(int r)
        {
            var random = new Random(seeds[r]);
            var draws = new long[weights.Length];
            Binomial.SampleMultinomial(random, problem.TotalVotes, weights, draws);
            var wi = new double[m];
            var wj = new double[m];
            for (var k = 0; k < m; k++)
            {
                var ties = 0.5 * draws[(3 * k) + 2];
                wi[k] = draws[3 * k] + ties;
                wj[k] = draws[(3 * k) + 1] + ties;
            }

            var p = (double[])fitted.Clone();
            FitCore(problem, wi, wj, p, options.BootstrapTolerance, options.BootstrapMaxIterations, options.DegenerateTiePseudoCount);
            var row = new double[n];
            ToRatings(p, anchor, options, row);
            samples[r] = row;
        }

        if (options.Parallel)
        {
            System.Threading.Tasks.Parallel.For(0, rounds, Round);
        }
        else
        {
            for (var r = 0; r < rounds; r++)
            {
                Round(r);
            }
        }

        var alpha = (1.0 - options.Confidence) / 2.0;
        var column = new double[rounds];
        for (var i = 0; i < n; i++)
        {
            for (var r = 0; r < rounds; r++)
            {
                column[r] = samples[r][i];
            }

            Array.Sort(column);
            lower[i] = Quantile(column, alpha);
            upper[i] = Quantile(column, 1.0 - alpha);
        }
    }

    private static void ToRatings(ReadOnlySpan<double> p, int anchor, BradleyTerryOptions options, Span<double> ratings)
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
    }

    /// <summary>
    /// MM on the pairs, in place on <paramref name="p"/> (the warm start; non-positive entries start at 1).
    /// On return each connected group has geometric-mean strength 1.
    /// </summary>
    private static FitInfo FitCore(Problem problem, double[] winsI, double[] winsJ, double[] p, double tolerance, int maxIterations, double pseudoCount)
    {
        var n = problem.ModelCount;
        var m = problem.PairCount;
        var (component, components, strong) = Analyse(problem, winsI, winsJ);
        var regularized = false;
        if (!strong)
        {
            var half = pseudoCount / 2.0;
            winsI = (double[])winsI.Clone();
            winsJ = (double[])winsJ.Clone();
            for (var k = 0; k < m; k++)
            {
                if (winsI[k] + winsJ[k] > 0)
                {
                    winsI[k] += half;
                    winsJ[k] += half;
                }
            }

            regularized = true;
        }

        var wins = new double[n];
        var total = new double[m];
        for (var k = 0; k < m; k++)
        {
            wins[problem.I[k]] += winsI[k];
            wins[problem.J[k]] += winsJ[k];
            total[k] = winsI[k] + winsJ[k];
        }

        for (var i = 0; i < n; i++)
        {
            if (!(p[i] > 0) || !double.IsFinite(p[i]))
            {
                p[i] = 1.0;
            }
        }

        var denominators = new double[n];
        var iterations = 0;
        var converged = false;
        while (!converged && iterations < maxIterations)
        {
            iterations++;
            Array.Clear(denominators);
            for (var k = 0; k < m; k++)
            {
                if (total[k] > 0)
                {
                    var (a, b) = (problem.I[k], problem.J[k]);
                    var t = total[k] / (p[a] + p[b]);
                    denominators[a] += t;
                    denominators[b] += t;
                }
            }

            var sum = 0.0;
            for (var i = 0; i < n; i++)
            {
                sum += denominators[i] > 0 ? wins[i] / denominators[i] : p[i];
            }

            var scale = n / sum;
            var change = 0.0;
            for (var i = 0; i < n; i++)
            {
                var next = (denominators[i] > 0 ? wins[i] / denominators[i] : p[i]) * scale;
                change = Math.Max(change, Math.Abs((next / p[i]) - 1.0));
                p[i] = next;
            }

            converged = change < tolerance;
        }

        // Each connected group: geometric mean 1.
        var logSums = new double[components];
        var sizes = new int[components];
        for (var i = 0; i < n; i++)
        {
            logSums[component[i]] += Math.Log(p[i]);
            sizes[component[i]]++;
        }

        for (var i = 0; i < n; i++)
        {
            p[i] /= Math.Exp(logSums[component[i]] / sizes[component[i]]);
        }

        return new FitInfo(iterations, converged, regularized, components);
    }

    /// <summary>Connected groups (by compared pairs) and whether each is strongly connected by "won or tied against".</summary>
    private static (int[] Component, int Components, bool Strong) Analyse(Problem problem, double[] winsI, double[] winsJ)
    {
        var n = problem.ModelCount;
        var m = problem.PairCount;

        // Adjacency in compressed rows: for model i, the pairs it took part in (with any votes).
        var degree = new int[n + 1];
        for (var k = 0; k < m; k++)
        {
            if (winsI[k] + winsJ[k] > 0)
            {
                degree[problem.I[k] + 1]++;
                degree[problem.J[k] + 1]++;
            }
        }

        for (var i = 0; i < n; i++)
        {
            degree[i + 1] += degree[i];
        }

        var fill = degree[..n];
        var adjacent = new int[degree[n]];
        for (var k = 0; k < m; k++)
        {
            if (winsI[k] + winsJ[k] > 0)
            {
                adjacent[fill[problem.I[k]]++] = k;
                adjacent[fill[problem.J[k]]++] = k;
            }
        }

        var component = new int[n];
        Array.Fill(component, -1);
        var components = 0;
        var strong = true;
        var queue = new int[n];
        var forward = new bool[n];
        var backward = new bool[n];
        var work = new int[n];
        for (var root = 0; root < n; root++)
        {
            if (component[root] >= 0)
            {
                continue;
            }

            // Undirected search for the group.
            var (head, tail) = (0, 0);
            queue[tail++] = root;
            component[root] = components;
            while (head < tail)
            {
                var i = queue[head++];
                for (var e = degree[i]; e < degree[i + 1]; e++)
                {
                    var k = adjacent[e];
                    var j = problem.I[k] == i ? problem.J[k] : problem.I[k];
                    if (component[j] < 0)
                    {
                        component[j] = components;
                        queue[tail++] = j;
                    }
                }
            }

            var size = tail;
            if (size > 1 && strong)
            {
                strong = Reaches(problem, winsI, winsJ, degree, adjacent, root, size, forward, outgoing: true, work)
                    && Reaches(problem, winsI, winsJ, degree, adjacent, root, size, backward, outgoing: false, work);
            }

            components++;
        }

        return (component, components, strong);
    }

    /// <summary>Whether a search from root along "won or tied against" edges (or against them) reaches the whole group.</summary>
    private static bool Reaches(Problem problem, double[] winsI, double[] winsJ, int[] degree, int[] adjacent, int root, int size, bool[] seen, bool outgoing, int[] queue)
    {
        var (head, tail) = (0, 0);
        queue[tail++] = root;
        seen[root] = true;
        while (head < tail)
        {
            var i = queue[head++];
            for (var e = degree[i]; e < degree[i + 1]; e++)
            {
                var k = adjacent[e];
                var iIsI = problem.I[k] == i;
                var j = iIsI ? problem.J[k] : problem.I[k];
                var ofI = iIsI ? winsI[k] : winsJ[k];
                var ofJ = iIsI ? winsJ[k] : winsI[k];
                if (!seen[j] && (outgoing ? ofI : ofJ) > 0)
                {
                    seen[j] = true;
                    queue[tail++] = j;
                }
            }
        }

        for (var q = 0; q < tail; q++)
        {
            seen[queue[q]] = false;
        }

        return tail == size;
    }

    private readonly record struct FitInfo(int Iterations, bool Converged, bool Regularized, int Components);

    /// <summary>The counts as flat arrays: pair k joins models I[k] &lt; J[k].</summary>
    private sealed class Problem
    {
        public required int ModelCount { get; init; }

        public required int[] I { get; init; }

        public required int[] J { get; init; }

        public required long[] CountI { get; init; }

        public required long[] CountJ { get; init; }

        public required long[] CountTies { get; init; }

        /// <summary>W[I][J] per pair: wins of I plus half the ties.</summary>
        public required double[] WinsI { get; init; }

        /// <summary>W[J][I] per pair.</summary>
        public required double[] WinsJ { get; init; }

        public required long TotalVotes { get; init; }

        public int PairCount => I.Length;

        public static Problem From(PairwiseCounts counts)
        {
            var m = counts.Pairs.Count;
            var problem = new Problem
            {
                ModelCount = counts.Models.Count,
                I = new int[m],
                J = new int[m],
                CountI = new long[m],
                CountJ = new long[m],
                CountTies = new long[m],
                WinsI = new double[m],
                WinsJ = new double[m],
                TotalVotes = counts.TotalVotes,
            };
            for (var k = 0; k < m; k++)
            {
                var pair = counts.Pairs[k];
                if (pair.I < 0 || pair.I >= pair.J || pair.J >= counts.Models.Count)
                {
                    throw new InvalidDataException($"Pair {k} ({pair.I}, {pair.J}) is not a pair of known models with I < J.");
                }

                (problem.I[k], problem.J[k]) = (pair.I, pair.J);
                (problem.CountI[k], problem.CountJ[k], problem.CountTies[k]) = (pair.WinsI, pair.WinsJ, pair.Ties);
                problem.WinsI[k] = pair.WinsI + (0.5 * pair.Ties);
                problem.WinsJ[k] = pair.WinsJ + (0.5 * pair.Ties);
            }

            return problem;
        }

        public ModelRecord[] Records()
        {
            var wins = new long[ModelCount];
            var losses = new long[ModelCount];
            var ties = new long[ModelCount];
            for (var k = 0; k < PairCount; k++)
            {
                wins[I[k]] += CountI[k];
                losses[I[k]] += CountJ[k];
                wins[J[k]] += CountJ[k];
                losses[J[k]] += CountI[k];
                ties[I[k]] += CountTies[k];
                ties[J[k]] += CountTies[k];
            }

            return [.. Enumerable.Range(0, ModelCount).Select(i => new ModelRecord(wins[i], losses[i], ties[i]))];
        }
    }
}

/// <summary>A Bradley–Terry fit: strengths p with Σp = 1, in the counts' model order.</summary>
public sealed record BradleyTerryFit(double[] Strengths, int Iterations, bool Converged, bool Regularized, int Components);
