namespace Arena.Datasets.Tools;

/// <summary>Summary statistics over the non-missing values of numeric columns.</summary>
public static class Statistics
{
    public static double Mean(IReadOnlyList<double> values) => values.Count == 0 ? double.NaN : values.Sum() / values.Count;

    /// <summary>The sample standard deviation (n − 1 in the denominator); NaN for fewer than two values.</summary>
    public static double StandardDeviation(IReadOnlyList<double> values)
    {
        if (values.Count < 2)
        {
            return double.NaN;
        }

        var mean = Mean(values);
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }

    /// <summary>Pearson's r of paired values; NaN when either side is constant.</summary>
    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var mx = Mean(x);
        var my = Mean(y);
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Count; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        return sxx == 0 || syy == 0 ? double.NaN : Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1, 1);
    }
}
