using System.Globalization;

namespace Arena.Benchmarks;

/// <summary>Time to first token and streaming rate of one answer.</summary>
public readonly record struct Measurement(double TimeToFirstTokenMs, double TokensPerSecond, int Tokens);

/// <summary>Summaries of a set of measurements.</summary>
public static class Summary
{
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    public static string Describe(string name, IReadOnlyList<Measurement> runs) => string.Create(CultureInfo.InvariantCulture,
        $"{name,-28} n={runs.Count,4}  TTFT p50 {Percentile(runs.Select(r => r.TimeToFirstTokenMs), 0.5),8:F2} ms  p95 {Percentile(runs.Select(r => r.TimeToFirstTokenMs), 0.95),8:F2} ms  tokens/s p50 {Percentile(runs.Select(r => r.TokensPerSecond), 0.5),8:F1}");
}
