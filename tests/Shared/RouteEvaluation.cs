using System.Globalization;
using System.Text;
using Arena.Routing;

namespace Arena.Tests.Shared;

/// <summary>A labelled message and what the classifier made of it before any decision: a rule's decision, or category scores.</summary>
public sealed record ScoredMessage(RouteExample Expected, RouteDecision? Rule, CategoryScores? Scores);

/// <summary>One labelled message and the decision it got.</summary>
public sealed record EvaluatedMessage(RouteExample Expected, RouteDecision Got)
{
    public bool RouteCorrect => Got.Route == Expected.Route;
}

/// <summary>
/// The router measured on a labelled set: route and category accuracy, per category, the confusion matrix, and how
/// confidence is spread and how well it is calibrated (expected calibration error over 10 buckets, mean log loss).
/// Scoring (the embedding) happens once; decisions at other temperatures reuse it, so a sweep is cheap.
/// </summary>
public sealed class RouteEvaluation
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    private RouteEvaluation(IReadOnlyList<EvaluatedMessage> results, IReadOnlyList<string> categories, double temperature, double minConfidence)
    {
        Results = results;
        Categories = categories;
        Temperature = temperature;
        MinConfidence = minConfidence;
        RouteAccuracy = results.Count(r => r.RouteCorrect) / (double)results.Count;
        CategoryAccuracy = results.Count(r => r.Got.Category == r.Expected.Category) / (double)results.Count;
        Histogram = new int[10];
        foreach (var r in results)
        {
            Histogram[Bucket(r.Got.Confidence)]++;
        }
    }

    public IReadOnlyList<EvaluatedMessage> Results { get; }

    public IReadOnlyList<string> Categories { get; }

    public double Temperature { get; }

    public double MinConfidence { get; }

    public double RouteAccuracy { get; }

    public double CategoryAccuracy { get; }

    /// <summary>Decisions per confidence decile: [0, 0.1), …, [0.9, 1.0].</summary>
    public int[] Histogram { get; }

    public double MeanConfidence => Results.Average(r => r.Got.Confidence);

    /// <summary>Decisions the semantic classifier made (not a rule), whose confidences the temperature shapes.</summary>
    public IEnumerable<EvaluatedMessage> Semantic => Results.Where(r => !r.Got.Reason.StartsWith("rule:", StringComparison.Ordinal));

    /// <summary>Expected calibration error of the route: |accuracy − mean confidence| per decile, weighted by its share.</summary>
    public double CalibrationError =>
        Results.GroupBy(r => Bucket(r.Got.Confidence))
            .Sum(g => g.Count() / (double)Results.Count * Math.Abs(g.Count(r => r.RouteCorrect) / (double)g.Count() - g.Average(r => r.Got.Confidence)));

    /// <summary>Mean negative log-likelihood of the right route, taking confidence as the chosen route's probability.</summary>
    public double LogLoss =>
        Results.Average(r => -Math.Log(Math.Clamp(r.RouteCorrect ? r.Got.Confidence : 1 - r.Got.Confidence, 1e-6, 1)));

    /// <summary>Embeds and scores every message once (rules decide the ones they match).</summary>
    public static IReadOnlyList<ScoredMessage> Score(RouteClassifier classifier, IReadOnlyList<RouteExample> set) =>
        [.. set.Select(e => RouteClassifier.MatchRule(e.Text) is { } rule
            ? new ScoredMessage(e, rule, null)
            : new ScoredMessage(e, null, classifier.Score(e.Text)))];

    /// <summary>The classifier's own settings on a labelled set.</summary>
    public static RouteEvaluation Run(RouteClassifier classifier, IReadOnlyList<RouteExample> set) =>
        Decide(classifier, Score(classifier, set), classifier.Options.Temperature, classifier.Options.MinConfidence);

    /// <summary>Decisions for scored messages at a given temperature and threshold.</summary>
    public static RouteEvaluation Decide(RouteClassifier classifier, IReadOnlyList<ScoredMessage> scored, double temperature, double minConfidence) =>
        new([.. scored.Select(s => new EvaluatedMessage(s.Expected, s.Rule ?? classifier.Decide(s.Scores!, temperature, minConfidence)))],
            classifier.Categories, temperature, minConfidence);

    /// <summary>One line per temperature: accuracy, confidence spread and calibration; for choosing the temperature.</summary>
    public static string Sweep(RouteClassifier classifier, IReadOnlyList<ScoredMessage> scored, IEnumerable<double> temperatures, double minConfidence)
    {
        var text = new StringBuilder();
        text.AppendLine(Ci, $"temperature sweep (min confidence {minConfidence:0.00}; semantic decisions only in the confidence columns)");
        text.AppendLine("  T       route    category  mean conf  p10    p50    <0.7    fallbacks  ECE     log loss");
        foreach (var t in temperatures)
        {
            var e = Decide(classifier, scored, t, minConfidence);
            var semantic = e.Semantic.Select(r => r.Got.Confidence).ToArray();
            text.AppendLine(Ci,
                $"  {t,-6:0.000}  {e.RouteAccuracy,6:P1}  {e.CategoryAccuracy,7:P1}   {semantic.Average(),6:0.000}   {Quantile(semantic, 0.1),5:0.00}  {Quantile(semantic, 0.5),5:0.00}  {semantic.Count(c => c < 0.7),4}    {e.Fallbacks,5}      {e.CalibrationError,6:0.000}  {e.LogLoss,6:0.000}");
        }

        return text.ToString();
    }

    /// <summary>Decisions that the low-confidence threshold sent to the arena.</summary>
    public int Fallbacks => Results.Count(r => r.Got.Reason.StartsWith("low confidence", StringComparison.Ordinal));

    /// <summary>The full report: accuracy, per category, confusion matrix, confidence statistics, wrong routes.</summary>
    public string Report()
    {
        var text = new StringBuilder();
        text.AppendLine(Ci, $"messages: {Results.Count}   temperature {Temperature:0.000}   min confidence {MinConfidence:0.00}");
        text.AppendLine(Ci, $"route accuracy:    {RouteAccuracy:P1}");
        text.AppendLine(Ci, $"category accuracy: {CategoryAccuracy:P1}");
        text.AppendLine();
        text.AppendLine("per category (expected): route accuracy, category accuracy, mean confidence");
        foreach (var group in Results.GroupBy(r => r.Expected.Category))
        {
            var n = group.Count();
            text.AppendLine(Ci,
                $"  {group.Key,-17} n={n,3}  route {group.Count(r => r.RouteCorrect) / (double)n,7:P1}  category {group.Count(r => r.Got.Category == r.Expected.Category) / (double)n,7:P1}  confidence {group.Average(r => r.Got.Confidence),5:0.00}");
        }

        AppendConfusion(text);
        AppendConfidence(text);

        text.AppendLine();
        text.AppendLine("wrong route:");
        foreach (var r in Results.Where(r => !r.RouteCorrect))
        {
            text.AppendLine(Ci, $"  [{r.Expected.Category} -> {r.Got.Category}, {r.Got.Confidence:0.00}] {r.Expected.Text}");
        }

        return text.ToString();
    }

    private void AppendConfusion(StringBuilder text)
    {
        text.AppendLine();
        text.AppendLine("confusion matrix (rows: expected, columns: predicted)");
        var width = Categories.Max(c => c.Length) + 1;
        text.Append(new string(' ', width));
        foreach (var c in Categories)
        {
            text.Append(Ci, $"{(c.Length <= 5 ? c : c[..5]),6}");
        }

        text.AppendLine();
        foreach (var expected in Categories)
        {
            text.Append(expected.PadRight(width));
            foreach (var predicted in Categories)
            {
                text.Append(Ci, $"{Results.Count(r => r.Expected.Category == expected && r.Got.Category == predicted),6}");
            }

            text.AppendLine();
        }
    }

    private void AppendConfidence(StringBuilder text)
    {
        var all = Results.Select(r => r.Got.Confidence).ToArray();
        var right = Results.Where(r => r.RouteCorrect).Select(r => r.Got.Confidence).ToArray();
        var wrong = Results.Where(r => !r.RouteCorrect).Select(r => r.Got.Confidence).ToArray();
        text.AppendLine();
        text.AppendLine("confidence");
        text.AppendLine(Ci, $"  all:         mean {all.Average():0.000}  min {all.Min():0.00}  p10 {Quantile(all, 0.1):0.00}  p50 {Quantile(all, 0.5):0.00}  p90 {Quantile(all, 0.9):0.00}");
        text.AppendLine(Ci, $"  right route: mean {(right.Length > 0 ? right.Average() : double.NaN):0.000}   wrong route: mean {(wrong.Length > 0 ? wrong.Average() : double.NaN):0.000} (n={wrong.Length})");
        text.AppendLine(Ci, $"  below 0.7: {all.Count(c => c < 0.7)}   low-confidence fallbacks to the arena: {Fallbacks}   ECE {CalibrationError:0.000}   log loss {LogLoss:0.000}");
        text.AppendLine("  histogram (decile: decisions, route accuracy)");
        for (var b = 0; b < Histogram.Length; b++)
        {
            var inBucket = Results.Where(r => Bucket(r.Got.Confidence) == b).ToArray();
            var accuracy = inBucket.Length == 0 ? "" : (inBucket.Count(r => r.RouteCorrect) / (double)inBucket.Length).ToString("P0", Ci);
            text.AppendLine(Ci, $"    {b / 10.0:0.0}-{(b + 1) / 10.0:0.0} {Histogram[b],4}  {new string('#', (int)Math.Ceiling(Histogram[b] / 4.0)),-52} {accuracy}");
        }
    }

    /// <summary>The decile of a confidence in 0..1 (1.0 falls in the last).</summary>
    public static int Bucket(double confidence) => Math.Clamp((int)(confidence * 10), 0, 9);

    private static double Quantile(double[] values, double p) => Arena.Numerics.Quantile.Of(values.Order().ToArray(), p);
}
