using Arena.Routing;
using Arena.Tests.Shared;
using Xunit.Abstractions;

namespace Arena.Grains.Tests.Routing;

/// <summary>Route accuracy and confidence on the held-out set; the full report (as <c>route-eval</c> prints it) goes to the output.</summary>
public sealed class RouterEvaluationTests(ITestOutputHelper output)
{
    public const double RequiredRouteAccuracy = 0.95;

    private static readonly Lazy<RouteEvaluation> Evaluation = new(() =>
        RouteEvaluation.Run(RouterTestData.Classifier, RouterTestData.HeldOut()));

    [Fact]
    public void HeldOut_RouteAccuracy_IsAtLeast95Percent()
    {
        var evaluation = Evaluation.Value;
        output.WriteLine(evaluation.Report());

        Assert.Equal(RouterTestData.HeldOut().Count, evaluation.Results.Count);
        Assert.True(evaluation.RouteAccuracy >= RequiredRouteAccuracy, $"route accuracy {evaluation.RouteAccuracy:P1} < {RequiredRouteAccuracy:P0}");
    }

    [Fact]
    public void HeldOut_Confidence_SpreadsBelowCertaintyAndTracksAccuracy()
    {
        var evaluation = Evaluation.Value;
        var semantic = evaluation.Semantic.Select(r => r.Got.Confidence).ToArray();

        // Not everything near 1: some messages are ambiguous, and the threshold sends some to the arena.
        Assert.True(semantic.Count(c => c < 0.7) >= 5, $"only {semantic.Count(c => c < 0.7)} semantic decisions below 0.7");
        Assert.True(evaluation.Fallbacks >= 1, "the low-confidence fallback never fired");
        Assert.InRange(semantic.Average(), 0.8, 0.97);
        // Calibrated within a few points, and wrong routes are less sure than right ones.
        Assert.True(evaluation.CalibrationError < 0.06, $"expected calibration error {evaluation.CalibrationError:0.000}");
        Assert.True(
            evaluation.Results.Where(r => !r.RouteCorrect).Average(r => r.Got.Confidence) < evaluation.Results.Where(r => r.RouteCorrect).Average(r => r.Got.Confidence),
            "wrong routes are as confident as right ones");
    }

    [Fact]
    public void HeldOut_AssistantDecisions_NeverFallBelowTheThreshold()
    {
        var min = RouterTestData.Classifier.Options.MinConfidence;

        Assert.All(Evaluation.Value.Semantic.Where(r => r.Got.Route == Routes.Assistant), r => Assert.True(r.Got.Confidence >= min, r.Expected.Text));
    }
}
