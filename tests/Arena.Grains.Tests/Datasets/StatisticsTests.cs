using Arena.Datasets.Tools;
using Arena.Numerics;

namespace Arena.Grains.Tests.Datasets;

/// <summary>Summary statistics against published reference values (NumPy's default percentile, R's type 7).</summary>
public sealed class StatisticsTests
{
    [Theory]
    [InlineData(0.25, 1.75)]
    [InlineData(0.5, 2.5)]
    [InlineData(0.75, 3.25)]
    [InlineData(0.0, 1.0)]
    [InlineData(1.0, 4.0)]
    public void Quantile_OneToFour_InterpolatesLinearly(double p, double expected) =>
        Assert.Equal(expected, Quantile.Of([1, 2, 3, 4], p), 12);

    [Fact]
    public void StandardDeviation_IsTheSampleOne() =>
        Assert.Equal(Math.Sqrt(32.0 / 7), Statistics.StandardDeviation([2, 4, 4, 4, 5, 5, 7, 9]), 12);

    [Fact]
    public void Pearson_PerfectAndInverse()
    {
        Assert.Equal(1.0, Statistics.Pearson([1, 2, 3], [2, 4, 6]), 12);
        Assert.Equal(-1.0, Statistics.Pearson([1, 2, 3], [3, 2, 1]), 12);
        Assert.True(double.IsNaN(Statistics.Pearson([1, 1, 1], [1, 2, 3])));
    }
}
