namespace Arena.Numerics;

/// <summary>Arena's one quantile: the bootstrap's intervals and the dataset tools' quartiles both use it.</summary>
public static class Quantile
{
    /// <summary>
    /// The <paramref name="p"/>-quantile of sorted values, interpolating linearly between order statistics (R's
    /// type 7, NumPy's default); NaN without values.
    /// </summary>
    public static double Of(ReadOnlySpan<double> sorted, double p)
    {
        if (sorted.IsEmpty)
        {
            return double.NaN;
        }

        var position = (sorted.Length - 1) * p;
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }
}
