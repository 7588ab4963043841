using System.Globalization;
using System.Text;
using Arena.Routing;
using Xunit.Abstractions;

namespace Arena.Grains.Tests.Routing;

/// <summary>Route accuracy on the held-out set, with per-category accuracy and the confusion matrix in the output.</summary>
public sealed class RouterEvaluationTests(ITestOutputHelper output)
{
    public const double RequiredRouteAccuracy = 0.95;

    [Fact]
    public void HeldOut_RouteAccuracy_IsAtLeast95Percent()
    {
        var classifier = RouterTestData.Classifier;
        var heldOut = RouterTestData.HeldOut();
        var results = heldOut.Select(h => (Expected: h, Got: classifier.Classify(h.Text, RouteContext.None))).ToList();

        var routeAccuracy = results.Count(r => r.Got.Route == r.Expected.Route) / (double)results.Count;
        var categoryAccuracy = results.Count(r => r.Got.Category == r.Expected.Category) / (double)results.Count;
        output.WriteLine(Report(results, classifier.Categories, routeAccuracy, categoryAccuracy));

        Assert.True(routeAccuracy >= RequiredRouteAccuracy, $"route accuracy {routeAccuracy:P1} < {RequiredRouteAccuracy:P0}");
    }

    private static string Report(List<(RouteExample Expected, RouteDecision Got)> results, IReadOnlyList<string> categories, double routeAccuracy, double categoryAccuracy)
    {
        var ci = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(ci, $"held-out messages: {results.Count}");
        text.AppendLine(ci, $"route accuracy:    {routeAccuracy:P1}");
        text.AppendLine(ci, $"category accuracy: {categoryAccuracy:P1}");
        text.AppendLine();
        text.AppendLine("per category (expected): route accuracy, category accuracy");
        foreach (var group in results.GroupBy(r => r.Expected.Category))
        {
            var n = group.Count();
            text.AppendLine(ci, $"  {group.Key,-17} n={n,3}  route {group.Count(r => r.Got.Route == r.Expected.Route) / (double)n,7:P1}  category {group.Count(r => r.Got.Category == r.Expected.Category) / (double)n,7:P1}");
        }

        text.AppendLine();
        text.AppendLine("confusion matrix (rows: expected, columns: predicted)");
        var width = categories.Max(c => c.Length) + 1;
        text.Append(new string(' ', width));
        foreach (var c in categories)
        {
            text.Append(ci, $"{Abbreviate(c),6}");
        }

        text.AppendLine();
        foreach (var expected in categories)
        {
            text.Append(expected.PadRight(width));
            foreach (var predicted in categories)
            {
                text.Append(ci, $"{results.Count(r => r.Expected.Category == expected && r.Got.Category == predicted),6}");
            }

            text.AppendLine();
        }

        text.AppendLine();
        text.AppendLine("wrong route:");
        foreach (var (expected, got) in results.Where(r => r.Got.Route != r.Expected.Route))
        {
            text.AppendLine(ci, $"  [{expected.Category} -> {got.Category}, {got.Confidence:0.00}] {expected.Text}");
        }

        return text.ToString();
    }

    private static string Abbreviate(string category) => category.Length <= 5 ? category : category[..5];
}
