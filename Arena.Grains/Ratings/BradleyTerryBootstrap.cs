using Arena.Numerics;

namespace Arena.Ratings;

/// <summary>
/// The bootstrap of a Bradley–Terry fit. Each round resamples the battles (a multinomial over the
/// (pair, outcome) cells, see <see cref="BradleyTerryResampler"/>), refits warm-started from the point
/// estimate and records the ratings. Round r draws from its own xoshiro256** stream (seed, r), so the
/// result does not depend on how many workers run or which worker takes which round. Workers take rounds
/// from a shared counter, each with its own <see cref="BradleyTerryWorkspace"/>: a round allocates nothing.
/// </summary>
internal sealed class BradleyTerryBootstrap
{
    private readonly BradleyTerryProblem _problem;
    private readonly BradleyTerryResampler _resampler;
    private readonly double[] _fitted;
    private readonly CholeskyFactor? _hessian;
    private readonly int _anchor;
    private readonly BradleyTerryOptions _options;

    /// <param name="fitted">The point estimate (the warm start of every round).</param>
    /// <param name="hessian">The factored Hessian at the point estimate, or null when the point fit has none (then rounds use MM).</param>
    public BradleyTerryBootstrap(BradleyTerryProblem problem, double[] fitted, CholeskyFactor? hessian, int anchor, BradleyTerryOptions options)
    {
        _problem = problem;
        _resampler = new BradleyTerryResampler(problem);
        _fitted = fitted;
        _hessian = hessian;
        _anchor = anchor;
        _options = options;
    }

    /// <summary>The threads that run rounds: <see cref="BradleyTerryOptions.BootstrapWorkers"/>, or one per core, at most one per round.</summary>
    public int Workers
    {
        get
        {
            var requested = !_options.Parallel ? 1 : _options.BootstrapWorkers > 0 ? _options.BootstrapWorkers : Environment.ProcessorCount;
            return Math.Max(1, Math.Min(requested, _options.BootstrapRounds));
        }
    }

    public BradleyTerryWorkspace CreateWorkspace() => new(_problem.ModelCount, _problem.PairCount);

    /// <summary>Runs every round and writes the quantiles of each model's ratings into lower and upper.</summary>
    public void Run(Span<double> lower, Span<double> upper)
    {
        var n = _problem.ModelCount;
        var rounds = _options.BootstrapRounds;
        var samples = new double[rounds * n];
        var next = -1;
        void Work()
        {
            var ws = CreateWorkspace();
            int r;
            while ((r = Interlocked.Increment(ref next)) < rounds)
            {
                Round(r, ws, samples.AsSpan(r * n, n));
            }
        }

        var workers = Workers;
        if (workers == 1)
        {
            Work();
        }
        else
        {
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, _ => Work());
        }

        var alpha = (1.0 - _options.Confidence) / 2.0;
        var column = new double[rounds];
        for (var i = 0; i < n; i++)
        {
            for (var r = 0; r < rounds; r++)
            {
                column[r] = samples[(r * n) + i];
            }

            Array.Sort(column);
            lower[i] = Quantile.Of(column, alpha);
            upper[i] = Quantile.Of(column, 1.0 - alpha);
        }
    }

    /// <summary>Round <paramref name="round"/>: resample, refit in <paramref name="ws"/>, write the ratings into <paramref name="ratings"/>.</summary>
    public FitInfo Round(int round, BradleyTerryWorkspace ws, Span<double> ratings)
    {
        var random = new Xoshiro256StarStar(_options.Seed, round);
        _resampler.Draw(ref random, ws.Draws);
        ws.LoadDraws(_problem.I, _problem.J, ws.Draws);
        var info = BradleyTerrySolver.Solve(
            ws, _fitted, _options.BootstrapTolerance, _options.BootstrapMaxIterations, _options.DegenerateTiePseudoCount, _hessian);
        BradleyTerry.ToRatings(ws.P, _anchor, _options, ratings);
        return info;
    }
}
