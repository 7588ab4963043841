using Arena.Battles;
using Arena.Ratings;

namespace Arena.Grains.Tests.Ratings;

/// <summary>
/// Online Elo on the LLMFAO crowd comparisons (8,931 battles of 59 models) must reproduce evalica's
/// published scores (K = 4, initial 1000, base 10, scale 400, ties as half a win, file order).
/// </summary>
public sealed class EloConformanceTests
{
    [Fact]
    public void Update_LlmfaoInFileOrder_MatchesEvalicaGoldenTo1e9()
    {
        var options = new EloOptions { K = 4, InitialRating = 1000 };
        var ratings = new Dictionary<string, double>(StringComparer.Ordinal);
        var battles = 0;
        foreach (var (left, right, outcome) in ConformanceData.Battles())
        {
            var (a, b) = Elo.Update(
                ratings.GetValueOrDefault(left, options.InitialRating),
                ratings.GetValueOrDefault(right, options.InitialRating),
                Elo.ScoreOfA(outcome, options),
                options);
            ratings[left] = a;
            ratings[right] = b;
            battles++;
        }

        var golden = ConformanceData.Golden("elo");
        Assert.Equal(8931, battles);
        Assert.Equal(59, golden.Count);
        Assert.Equal(golden.Keys.Order(), ratings.Keys.Order());
        foreach (var (model, expected) in golden)
        {
            Assert.True(Math.Abs(expected - ratings[model]) <= 1e-9, $"{model}: expected {expected}, got {ratings[model]}");
        }
    }
}
