namespace Arena.Ratings.Integrity;

/// <summary>The exact one-sided binomial test: P(X ≥ k) for X ~ Binomial(n, p), summed in log space.</summary>
public static class BinomialTest
{
    private const int TableSize = 256;
    private static readonly double[] LogFactorials = BuildTable();

    /// <summary>The upper tail P(X ≥ <paramref name="k"/>) for X ~ Binomial(<paramref name="n"/>, <paramref name="p"/>).</summary>
    public static double UpperTail(int n, int k, double p)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (double.IsNaN(p) || p < 0.0 || p > 1.0)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A probability lies in [0, 1].");
        }

        if (k <= 0)
        {
            return 1.0;
        }

        if (k > n || p == 0.0)
        {
            return 0.0;
        }

        if (p == 1.0)
        {
            return 1.0;
        }

        if (k <= n * p)
        {
            // At or below the mean the tail is at least about a half: sum the lower side instead.
            return 1.0 - LowerTail(n, k - 1, p);
        }

        // Above the mean the terms fall from i = k on: add them until they no longer matter.
        var logP = Math.Log(p);
        var logQ = Math.Log(1.0 - p);
        var first = LogPmf(n, k, logP, logQ);
        double sum = 0;
        var ratio = 1.0;
        for (var i = k; i <= n; i++)
        {
            sum += ratio;
            ratio *= (double)(n - i) / (i + 1) * p / (1.0 - p);
            if (ratio < 1e-17 * sum)
            {
                break;
            }
        }

        return Math.Min(1.0, Math.Exp(first + Math.Log(sum)));
    }

    /// <summary>P(X ≤ <paramref name="k"/>), summed downwards from k (used where k is at or below the mean).</summary>
    private static double LowerTail(int n, int k, double p)
    {
        if (k < 0)
        {
            return 0.0;
        }

        var logP = Math.Log(p);
        var logQ = Math.Log(1.0 - p);
        double sum = 0;
        for (var i = k; i >= 0; i--)
        {
            sum += Math.Exp(LogPmf(n, i, logP, logQ));
        }

        return Math.Min(1.0, sum);
    }

    private static double LogPmf(int n, int k, double logP, double logQ) =>
        LogFactorial(n) - LogFactorial(k) - LogFactorial(n - k) + k * logP + (n - k) * logQ;

    /// <summary>ln n!: exact below 256, Stirling's series above (error below 1e-15 there).</summary>
    private static double LogFactorial(int n)
    {
        if (n < TableSize)
        {
            return LogFactorials[n];
        }

        double x = n;
        var inverse = 1.0 / x;
        var inverse2 = inverse * inverse;
        return x * Math.Log(x) - x + 0.5 * Math.Log(2.0 * Math.PI * x)
            + inverse * (1.0 / 12.0 - inverse2 * (1.0 / 360.0 - inverse2 / 1260.0));
    }

    private static double[] BuildTable()
    {
        var table = new double[TableSize];
        for (var i = 2; i < TableSize; i++)
        {
            table[i] = table[i - 1] + Math.Log(i);
        }

        return table;
    }
}
