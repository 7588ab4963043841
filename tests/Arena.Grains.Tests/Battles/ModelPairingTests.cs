using Arena.Battles;

namespace Arena.Grains.Tests.Battles;

public sealed class ModelPairingTests
{
    [Fact]
    public void Draw_ManyTimes_AlwaysTwoDistinctModels()
    {
        var models = new[] { "a", "b", "c" };
        var random = new Random(1);

        for (var i = 0; i < 10_000; i++)
        {
            var (first, second) = ModelPairing.Draw(models, random);
            Assert.NotEqual(first, second);
            Assert.Contains(first, models);
            Assert.Contains(second, models);
        }
    }

    [Fact]
    public void Draw_FourModels_EveryOrderedPairEquallyLikely()
    {
        var models = new[] { "a", "b", "c", "d" };
        var random = new Random(12345);
        const int draws = 120_000;
        var counts = new Dictionary<(string, string), int>();

        for (var i = 0; i < draws; i++)
        {
            var pair = ModelPairing.Draw(models, random);
            counts[pair] = counts.GetValueOrDefault(pair) + 1;
        }

        // 12 ordered pairs, 10,000 expected each; chi-square with 11 degrees of freedom stays under
        // 31.3 with probability 0.999 for a uniform draw, and a bias of a few percent exceeds it.
        Assert.Equal(12, counts.Count);
        var expected = draws / 12.0;
        var chiSquare = counts.Values.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.True(chiSquare < 31.3, $"chi-square {chiSquare:F1} says the draw is not uniform");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Draw_FewerThanTwoModels_Unavailable(int count)
    {
        var error = Assert.Throws<ArenaException>(() => ModelPairing.Draw(Enumerable.Range(0, count).Select(i => $"m{i}").ToArray(), new Random(1)));

        Assert.Equal(ArenaErrorKind.Unavailable, error.Kind);
    }
}
