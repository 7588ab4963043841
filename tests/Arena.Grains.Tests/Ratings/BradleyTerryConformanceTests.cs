using Arena.Ratings;

namespace Arena.Grains.Tests.Ratings;

/// <summary>
/// Bradley–Terry on the LLMFAO crowd comparisons (8,931 votes of 59 models, ties as half a win) must
/// reproduce evalica's published strengths p/Σp to a relative 1e-6.
/// </summary>
public sealed class BradleyTerryConformanceTests
{
    [Fact]
    public void Fit_Llmfao_MatchesEvalicaGoldenStrengthsTo1e6Relative()
    {
        var counts = new PairwiseCounts();
        foreach (var (a, b, outcome) in ConformanceData.Battles())
        {
            counts.Add(a, b, outcome);
        }

        var fit = BradleyTerry.Fit(counts);

        var golden = ConformanceData.Golden("bradley_terry");
        Assert.Equal(8931, counts.TotalVotes);
        Assert.Equal(59, golden.Count);
        Assert.Equal(golden.Keys.Order(StringComparer.Ordinal), counts.Models.Order(StringComparer.Ordinal));
        Assert.True(fit.Converged);
        Assert.False(fit.Regularized);
        Assert.Equal(1, fit.Components);
        var worst = 0.0;
        foreach (var (model, expected) in golden)
        {
            var actual = fit.Strengths[counts.IndexOf(model)];
            var relative = Math.Abs(actual - expected) / expected;
            worst = Math.Max(worst, relative);
            Assert.True(relative <= 1e-6, $"{model}: expected {expected}, got {actual} (relative error {relative:E2})");
        }

        Console.WriteLine($"LLMFAO Bradley–Terry: {fit.Iterations} MM steps, max relative error {worst:E3}");
    }
}
