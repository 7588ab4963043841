using Arena.Battles;

namespace Arena.Grains.Tests.Battles;

public sealed class ModelPairingTests
{
    [Fact]
    public void Draw_ManyTimes_AlwaysTwoDistinctModels()
    {
        var models = Equal("a", "b", "c");
        var random = new Random(1);

        for (var i = 0; i < 10_000; i++)
        {
            var (first, second) = ModelPairing.Draw(models, random);
            Assert.NotEqual(first, second);
            Assert.Contains(first, models.Select(m => m.Id));
            Assert.Contains(second, models.Select(m => m.Id));
        }
    }

    [Fact]
    public void Draw_FourModels_EveryOrderedPairEquallyLikely()
    {
        var models = Equal("a", "b", "c", "d");
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
        var error = Assert.Throws<ArenaException>(() => ModelPairing.Draw(Equal(Enumerable.Range(0, count).Select(i => $"m{i}").ToArray()), new Random(1)));

        Assert.Equal(ArenaErrorKind.Unavailable, error.Kind);
    }

    [Fact]
    public void Draw_Weights_ModelsAppearInProportionAndOnBothSidesAlike()
    {
        // Weights 2:1:1 over three models: the heavy one is in a battle with probability
        // 1/2 + 2 * (1/4 * 2/3) = 5/6, each light one with probability 7/12.
        var models = new[] { ("heavy", 2.0), ("x", 1.0), ("y", 1.0) };
        var random = new Random(99);
        const int draws = 60_000;
        var appearances = new Dictionary<string, int>();
        var onA = 0;

        for (var i = 0; i < draws; i++)
        {
            var (a, b) = ModelPairing.Draw(models, random);
            appearances[a] = appearances.GetValueOrDefault(a) + 1;
            appearances[b] = appearances.GetValueOrDefault(b) + 1;
            onA += a == "heavy" ? 1 : 0;
        }

        Assert.InRange(appearances["heavy"] / (double)draws, 5.0 / 6 - 0.01, 5.0 / 6 + 0.01);
        Assert.InRange(appearances["x"] / (double)draws, 7.0 / 12 - 0.01, 7.0 / 12 + 0.01);
        Assert.InRange(onA / (double)appearances["heavy"], 0.49, 0.51);
    }

    [Fact]
    public void Draw_ZeroWeight_NeverDrawn()
    {
        var models = new[] { ("a", 1.0), ("b", 1.0), ("never", 0.0) };
        var random = new Random(5);

        for (var i = 0; i < 5_000; i++)
        {
            var (a, b) = ModelPairing.Draw(models, random);
            Assert.NotEqual("never", a);
            Assert.NotEqual("never", b);
        }
    }

    private static (string Id, double Weight)[] Equal(params string[] ids) => ids.Select(id => (id, 1.0)).ToArray();
}
