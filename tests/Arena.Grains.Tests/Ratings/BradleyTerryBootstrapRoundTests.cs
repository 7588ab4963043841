using Arena.Battles;
using Arena.Ratings;

namespace Arena.Grains.Tests.Ratings;

public sealed class BradleyTerryBootstrapRoundTests
{
    [Fact]
    public void Compute_AnyWorkerCount_GivesIdenticalIntervals()
    {
        var counts = Random(models: 40, votes: 3_000, seed: 3);

        var one = BradleyTerry.Compute(counts, new BradleyTerryOptions { BootstrapWorkers = 1 });
        var sequential = BradleyTerry.Compute(counts, new BradleyTerryOptions { Parallel = false });
        foreach (var workers in new[] { 2, 3, 8 })
        {
            var many = BradleyTerry.Compute(counts, new BradleyTerryOptions { BootstrapWorkers = workers });
            Assert.Equal(one.Models, many.Models);
        }

        Assert.Equal(one.Models, sequential.Models);
        Assert.All(one.Models, m => Assert.True(m.Upper > m.Lower, $"{m.Id}: empty interval"));
    }

    [Fact]
    public void Compute_NegativeWorkers_Throws()
    {
        var counts = Random(models: 5, votes: 200, seed: 1);

        Assert.Throws<ArgumentException>(() => BradleyTerry.Compute(counts, new BradleyTerryOptions { BootstrapWorkers = -1 }));
    }

    [Theory]
    [InlineData(40, 20_000)] // Dense: every round by the chord method.
    [InlineData(30, 400)] // Sparse: rounds that stall (Newton) and rounds whose MLE does not exist (regularized).
    public void Round_WarmStartedSolvers_MatchMmRunToConvergence(int models, long votes)
    {
        var counts = Random(models, votes, seed: 17);
        var options = new BradleyTerryOptions();
        var problem = BradleyTerryProblem.From(counts);
        var (fitted, _, hessian) = BradleyTerry.FitPoint(problem, options, withHessian: true);
        Assert.NotNull(hessian);
        var bootstrap = new BradleyTerryBootstrap(problem, fitted, hessian, anchor: -1, options);
        var (ws, reference) = (bootstrap.CreateWorkspace(), bootstrap.CreateWorkspace());
        var (ratings, expected) = (new double[models], new double[models]);
        var regularized = 0;
        for (var r = 0; r < 40; r++)
        {
            var info = bootstrap.Round(r, ws, ratings);
            Assert.True(info.Converged, $"round {r}");
            regularized += info.Regularized ? 1 : 0;

            // The same resample (left in the workspace), fitted by plain MM from p = 1 far past the bootstrap's tolerance.
            var winsI = Enumerable.Range(0, problem.PairCount).Select(k => ws.Draws[3 * k] + (0.5 * ws.Draws[(3 * k) + 2])).ToArray();
            var winsJ = Enumerable.Range(0, problem.PairCount).Select(k => ws.Draws[(3 * k) + 1] + (0.5 * ws.Draws[(3 * k) + 2])).ToArray();
            reference.Load(problem.I, problem.J, winsI, winsJ);
            var mm = BradleyTerrySolver.Solve(reference, Enumerable.Repeat(1.0, models).ToArray(), 1e-13, 5_000_000, options.DegenerateTiePseudoCount, chord: null);
            Assert.True(mm.Converged, $"round {r}: MM did not converge");
            Assert.Equal(mm.Regularized, info.Regularized);
            BradleyTerry.ToRatings(reference.P, -1, options, expected);
            for (var i = 0; i < models; i++)
            {
                Assert.True(Math.Abs(ratings[i] - expected[i]) < 1e-3, $"round {r}, model {i}: {ratings[i]} vs {expected[i]}");
            }
        }

        Assert.True(votes > 1_000 ? regularized == 0 : regularized > 0, $"{regularized} regularized rounds");
    }

    [Theory]
    [InlineData(40, 20_000)]
    [InlineData(30, 400)]
    [InlineData(20, 2_000_000)] // Sequential binomials rather than battle by battle.
    public void Round_AfterTheFirst_AllocatesNothing(int models, long votes)
    {
        var counts = Random(models, votes, seed: 23);
        var options = new BradleyTerryOptions();
        var problem = BradleyTerryProblem.From(counts);
        var (fitted, _, hessian) = BradleyTerry.FitPoint(problem, options, withHessian: true);
        var bootstrap = new BradleyTerryBootstrap(problem, fitted, hessian, anchor: -1, options);
        var ws = bootstrap.CreateWorkspace();
        var ratings = new double[models];
        _ = bootstrap.Round(0, ws, ratings); // JIT.

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var r = 1; r <= 20; r++)
        {
            _ = bootstrap.Round(r, ws, ratings);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>Bradley–Terry votes (20% ties) between random pairs of models with ratings ~ N(0, 200).</summary>
    private static PairwiseCounts Random(int models, long votes, int seed)
    {
        var random = new Random(seed);
        var strength = Enumerable.Range(0, models)
            .Select(_ => Math.Pow(10, 200 * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()) / 400))
            .ToArray();
        var counts = new PairwiseCounts();
        for (var i = 0; i < models; i++)
        {
            counts.GetOrAddModel($"m{i:D2}");
        }

        // A ring first, so that every model is compared; the rest at random, in bulk per pair.
        var perPair = new long[models, models];
        for (var v = 0L; v < votes; v++)
        {
            var a = v < models ? (int)v : random.Next(models);
            var b = v < models ? (a + 1) % models : (a + 1 + random.Next(models - 1)) % models;
            perPair[Math.Min(a, b), Math.Max(a, b)]++;
        }

        for (var i = 0; i < models; i++)
        {
            for (var j = i + 1; j < models; j++)
            {
                var total = perPair[i, j];
                var ties = Binomial.Sample(random, total, 0.2);
                var winsI = Binomial.Sample(random, total - ties, strength[i] / (strength[i] + strength[j]));
                counts.Add(counts.Models[i], counts.Models[j], BattleOutcome.A, winsI);
                counts.Add(counts.Models[i], counts.Models[j], BattleOutcome.B, total - ties - winsI);
                counts.Add(counts.Models[i], counts.Models[j], BattleOutcome.Tie, ties);
            }
        }

        return counts;
    }
}
