using Arena.Ratings;

namespace Arena.Grains.Tests.Ratings;

public sealed class BinomialTests
{
    [Theory]
    [InlineData(10L, 0.3)]
    [InlineData(1_000_000L, 0.001)]
    [InlineData(10_000_000L, 0.5)]
    [InlineData(1_000L, 0.02)]
    [InlineData(40L, 0.9)]
    public void Sample_ManyDraws_MeanAndVarianceMatchBinomial(long n, double p)
    {
        const int Draws = 200_000;
        var random = new Random(12345);
        double sum = 0, sumSquares = 0;
        for (var d = 0; d < Draws; d++)
        {
            var x = (double)Binomial.Sample(random, n, p);
            Assert.InRange(x, 0, n);
            sum += x;
            sumSquares += x * x;
        }

        var mean = sum / Draws;
        var variance = (sumSquares - (Draws * mean * mean)) / (Draws - 1);
        var expectedMean = n * p;
        var expectedVariance = n * p * (1 - p);

        // Five standard errors: the seed is fixed, so this is deterministic, and a wrong sampler misses by far more.
        Assert.True(Math.Abs(mean - expectedMean) <= 5 * Math.Sqrt(expectedVariance / Draws), $"mean {mean}, expected {expectedMean}");
        Assert.True(Math.Abs((variance / expectedVariance) - 1) <= 5 * Math.Sqrt(2.0 / Draws) + 0.01, $"variance {variance}, expected {expectedVariance}");
    }

    [Theory]
    [InlineData(50L, 0.3)]
    [InlineData(200L, 0.45)]
    [InlineData(30L, 0.2)]
    public void Sample_ManyDraws_FrequenciesPassChiSquareAgainstExactPmf(long n, double p)
    {
        const int Draws = 200_000;
        var random = new Random(777);
        var observed = new long[n + 1];
        for (var d = 0; d < Draws; d++)
        {
            observed[Binomial.Sample(random, n, p)]++;
        }

        // Exact pmf by the recurrence, pooled into bins with an expected count of at least 20.
        var pmf = new double[n + 1];
        pmf[0] = Math.Pow(1 - p, n);
        for (var k = 1; k <= n; k++)
        {
            pmf[k] = pmf[k - 1] * (n - k + 1) / k * p / (1 - p);
        }

        double chi = 0, expectedBin = 0, observedBin = 0;
        var bins = 0;
        for (var k = 0; k <= n; k++)
        {
            expectedBin += pmf[k] * Draws;
            observedBin += observed[k];
            if (expectedBin >= 20 || k == n)
            {
                chi += (observedBin - expectedBin) * (observedBin - expectedBin) / Math.Max(expectedBin, 1e-9);
                bins++;
                (expectedBin, observedBin) = (0, 0);
            }
        }

        var df = bins - 1;
        Assert.True(chi < df + (5 * Math.Sqrt(2.0 * df)), $"chi-square {chi:F1} on {df} degrees of freedom");
    }

    [Fact]
    public void Sample_EdgeProbabilities_AreExact()
    {
        var random = new Random(1);
        Assert.Equal(0, Binomial.Sample(random, 100, 0.0));
        Assert.Equal(100, Binomial.Sample(random, 100, 1.0));
        Assert.Equal(0, Binomial.Sample(random, 0, 0.5));
    }

    [Fact]
    public void SampleMultinomial_ManyDraws_TotalsAreExactAndCellMeansMatch()
    {
        long[] weights = [5, 0, 3_000_000, 7, 1_000, 2];
        const long N = 3_001_014;
        const int Rounds = 2_000;
        var random = new Random(99);
        var result = new long[weights.Length];
        var sums = new double[weights.Length];
        for (var r = 0; r < Rounds; r++)
        {
            Binomial.SampleMultinomial(random, N, weights, result);
            Assert.Equal(N, result.Sum());
            Assert.Equal(0, result[1]);
            for (var k = 0; k < weights.Length; k++)
            {
                sums[k] += result[k];
            }
        }

        var total = weights.Sum();
        for (var k = 0; k < weights.Length; k++)
        {
            var q = (double)weights[k] / total;
            var expected = N * q;
            var standardError = Math.Sqrt(N * q * (1 - q) / Rounds);
            Assert.True(Math.Abs((sums[k] / Rounds) - expected) <= (5 * standardError) + 1e-9, $"cell {k}: mean {sums[k] / Rounds}, expected {expected}");
        }
    }
}
