using Arena.Battles;
using Arena.Ratings;

namespace Arena.Grains.Tests.Ratings;

public sealed class BradleyTerryResamplerTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Draw_ManyRounds_CellMomentsMatchResamplingBattles(bool oneByOne)
    {
        // Cells of very different sizes, one empty: (a,b) 40/25/10, (a,c) 3/0/1, (b,c) 200/150/71.
        var counts = new PairwiseCounts();
        AddPair(counts, "a", "b", 40, 25, 10);
        AddPair(counts, "a", "c", 3, 0, 1);
        AddPair(counts, "b", "c", 200, 150, 71);
        var problem = BradleyTerryProblem.From(counts);
        var resampler = new BradleyTerryResampler(problem, oneByOne);
        Assert.Equal(oneByOne, resampler.OneByOne);

        const int Rounds = 40_000;
        var n = (double)problem.TotalVotes;
        var weights = Enumerable.Range(0, problem.PairCount)
            .SelectMany(k => new[] { problem.CountI[k], problem.CountJ[k], problem.CountTies[k] }).ToArray();
        var draws = new long[resampler.CellCount];
        var sums = new double[draws.Length];
        var squares = new double[draws.Length];
        double crossFirstLast = 0;
        for (var r = 0; r < Rounds; r++)
        {
            var random = new Xoshiro256StarStar(11, r);
            resampler.Draw(ref random, draws);
            Assert.Equal(problem.TotalVotes, draws.Sum());
            for (var c = 0; c < draws.Length; c++)
            {
                sums[c] += draws[c];
                squares[c] += (double)draws[c] * draws[c];
            }

            crossFirstLast += (double)draws[0] * draws[^1];
        }

        for (var c = 0; c < draws.Length; c++)
        {
            var q = weights[c] / n;
            var mean = sums[c] / Rounds;
            var variance = (squares[c] / Rounds) - (mean * mean);
            var expectedVariance = n * q * (1 - q);

            // Multinomial(N, counts / N): mean N·q, variance N·q·(1 − q); five standard errors with a fixed seed.
            Assert.True(Math.Abs(mean - (n * q)) <= (5 * Math.Sqrt(expectedVariance / Rounds)) + 1e-12, $"cell {c}: mean {mean}, expected {n * q}");
            if (weights[c] == 0)
            {
                Assert.Equal(0, variance);
                continue;
            }

            Assert.True(Math.Abs((variance / expectedVariance) - 1) <= 5 * Math.Sqrt(2.0 / Rounds) + 0.02, $"cell {c}: variance {variance}, expected {expectedVariance}");
        }

        // Covariance −N·q_a·q_b between two cells: the total is fixed.
        var (q0, qLast) = (weights[0] / n, weights[^1] / n);
        var covariance = (crossFirstLast / Rounds) - ((sums[0] / Rounds) * (sums[^1] / Rounds));
        var expectedCovariance = -n * q0 * qLast;
        Assert.True(Math.Abs((covariance / expectedCovariance) - 1) < 0.1, $"covariance {covariance}, expected {expectedCovariance}");
    }

    [Fact]
    public void Draw_SameStream_GivesSameCountsAndOtherStreamsDiffer()
    {
        var counts = new PairwiseCounts();
        AddPair(counts, "a", "b", 400, 250, 100);
        AddPair(counts, "b", "c", 300, 350, 20);
        var resampler = new BradleyTerryResampler(BradleyTerryProblem.From(counts), oneByOne: false);
        var (first, again, other) = (new long[resampler.CellCount], new long[resampler.CellCount], new long[resampler.CellCount]);

        var random = new Xoshiro256StarStar(42, 3);
        resampler.Draw(ref random, first);
        random = new Xoshiro256StarStar(42, 3);
        resampler.Draw(ref random, again);
        random = new Xoshiro256StarStar(42, 4);
        resampler.Draw(ref random, other);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void NextBelow_ManyDraws_StaysInRangeAndIsUniform()
    {
        var random = new Xoshiro256StarStar(5, 0);
        var histogram = new int[7];
        const int Draws = 70_000;
        for (var d = 0; d < Draws; d++)
        {
            histogram[random.NextBelow(7)]++;
            var u = random.NextDouble();
            Assert.InRange(u, 0.0, 1.0 - double.Epsilon);
        }

        var chi = histogram.Sum(h => (h - 10_000.0) * (h - 10_000.0) / 10_000.0);
        Assert.True(chi < 6 + (5 * Math.Sqrt(12)), $"chi-square {chi:F1} on 6 degrees of freedom");
    }

    private static void AddPair(PairwiseCounts counts, string a, string b, long winsA, long winsB, long ties)
    {
        counts.Add(a, b, BattleOutcome.A, winsA);
        counts.Add(a, b, BattleOutcome.B, winsB);
        counts.Add(a, b, BattleOutcome.Tie, ties);
    }
}
