using System.Text.RegularExpressions;

namespace Arena.Benchmarks;

/// <summary>
/// The attacker's way of telling the target model from its answer (Min et al.'s identification step): a Gaussian
/// naive Bayes over layout features of the text (length, headings, bullets, numbered lines, exclamations, questions,
/// emphasis, code, first word), trained on answers the attacker got itself from the target and from other models.
/// </summary>
public sealed partial class StyleClassifier
{
    private const int FeatureCount = 10;
    private readonly List<double[]> _target = [];
    private readonly List<double[]> _other = [];
    private (double[] Mean, double[] Variance)? _targetModel;
    private (double[] Mean, double[] Variance)? _otherModel;

    public void Train(string answer, bool isTarget)
    {
        (isTarget ? _target : _other).Add(Features(answer));
        _targetModel = null;
        _otherModel = null;
    }

    /// <summary>The log-likelihood ratio that the answer is the target's (positive: the target).</summary>
    public double Score(string answer)
    {
        _targetModel ??= Fit(_target);
        _otherModel ??= Fit(_other);
        var x = Features(answer);
        return LogLikelihood(x, _targetModel.Value) - LogLikelihood(x, _otherModel.Value);
    }

    private static double[] Features(string answer)
    {
        var lines = answer.Split('\n').Select(l => l.TrimStart()).ToArray();
        var first = answer.Split(' ', 2)[0];
        return
        [
            Math.Log(1 + answer.Length),
            lines.Count(l => l.StartsWith('#')),
            lines.Count(l => l.StartsWith("- ", StringComparison.Ordinal) || l.StartsWith("* ", StringComparison.Ordinal)),
            lines.Count(l => NumberedLine().IsMatch(l)),
            answer.Count(c => c == '!'),
            answer.Count(c => c == '?'),
            Regex.Count(answer, @"\*\*"),
            Regex.Count(answer, "```"),
            lines.Count(l => l.Length == 0),
            first is "Sure." or "Of" or "Here" ? 1 : 0,
        ];
    }

    private static (double[] Mean, double[] Variance) Fit(List<double[]> samples)
    {
        var mean = new double[FeatureCount];
        var variance = new double[FeatureCount];
        for (var f = 0; f < FeatureCount; f++)
        {
            mean[f] = samples.Average(s => s[f]);
            variance[f] = Math.Max(0.05, samples.Average(s => (s[f] - mean[f]) * (s[f] - mean[f])));
        }

        return (mean, variance);
    }

    private static double LogLikelihood(double[] x, (double[] Mean, double[] Variance) model)
    {
        double sum = 0;
        for (var f = 0; f < FeatureCount; f++)
        {
            var d = x[f] - model.Mean[f];
            sum += -0.5 * Math.Log(model.Variance[f]) - d * d / (2 * model.Variance[f]);
        }

        return sum;
    }

    [GeneratedRegex(@"^\d+[.)] ")]
    private static partial Regex NumberedLine();
}
