using System.Globalization;
using System.Text;

namespace VllmSim.Metrics;

/// <summary>A Prometheus histogram with fixed upper bounds, safe for concurrent observations.</summary>
internal sealed class Histogram(double[] bounds)
{
    private readonly long[] _counts = new long[bounds.Length + 1];
    private readonly Lock _gate = new();
    private double _sum;
    private long _count;

    public void Observe(double value)
    {
        lock (_gate)
        {
            var i = Array.FindIndex(bounds, b => value <= b);
            _counts[i < 0 ? bounds.Length : i]++;
            _sum += value;
            _count++;
        }
    }

    public void Write(StringBuilder sb, string name, string labels)
    {
        lock (_gate)
        {
            long cumulative = 0;
            for (var i = 0; i < bounds.Length; i++)
            {
                cumulative += _counts[i];
                sb.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{labels},le=\"{Format(bounds[i])}\"}} {cumulative}\n");
            }

            sb.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{labels},le=\"+Inf\"}} {_count}\n");
            sb.Append(CultureInfo.InvariantCulture, $"{name}_count{{{labels}}} {_count}\n");
            sb.Append(CultureInfo.InvariantCulture, $"{name}_sum{{{labels}}} {Format(_sum)}\n");
        }
    }

    public static string Format(double value) => value.ToString("0.0###############", CultureInfo.InvariantCulture);
}
