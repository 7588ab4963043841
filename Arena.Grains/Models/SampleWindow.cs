namespace Arena.Models;

/// <summary>The most recent <c>capacity</c> values of a measurement, oldest overwritten first.</summary>
public sealed class SampleWindow(int capacity)
{
    private readonly double[] _values = new double[capacity];
    private long _count;

    public void Add(double value)
    {
        _values[_count % capacity] = value;
        _count++;
    }

    public double[] ToArray() => _count <= capacity ? _values[..(int)_count] : [.. _values];

    /// <summary>The p-quantile (0..1) of the values by nearest rank, or null when there are none.</summary>
    public static double? Percentile(IReadOnlyCollection<double> values, double p)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
