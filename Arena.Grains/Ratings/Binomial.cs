using System.Runtime.CompilerServices;

namespace Arena.Ratings;

/// <summary>
/// Exact binomial and multinomial sampling whose cost does not grow with n.
/// <para>
/// For a small mean (n·min(p, 1−p) &lt; 10) it uses inversion: a sequential search from 0 with the
/// probability recurrence, expected O(n·p + 1) steps. Otherwise it uses BTRS, the transformed rejection
/// method with squeeze of W. Hörmann, "The generation of binomial random variates", J. Statist. Comput.
/// Simul. 46 (1993) (the companion of BTRD in the same paper): expected O(1) uniforms per variate, exact
/// (the acceptance test uses Stirling's series for log k! with exact tail values for k ≤ 9). No normal
/// approximation is used anywhere.
/// </para>
/// </summary>
public static class Binomial
{
    private const double InversionMeanLimit = 10.0;
    private static readonly double HalfLogTwoPi = 0.5 * Math.Log(2.0 * Math.PI);

    /// <summary>A draw from Binomial(<paramref name="n"/>, <paramref name="p"/>).</summary>
    public static long Sample(Random random, long n, double p)
    {
        ArgumentNullException.ThrowIfNull(random);
        var source = new SystemRandomSource(random);
        return Sample(ref source, n, p);
    }

    /// <summary>A draw from Binomial(<paramref name="n"/>, <paramref name="p"/>) from any uniform source.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static long Sample<TRandom>(ref TRandom random, long n, double p)
        where TRandom : struct, IUniformSource
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (double.IsNaN(p) || p < 0.0 || p > 1.0)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A probability lies in [0, 1].");
        }

        if (n == 0 || p == 0.0)
        {
            return 0;
        }

        if (p == 1.0)
        {
            return n;
        }

        // Sample the smaller of p and 1 − p, then reflect.
        var flip = p > 0.5;
        var q = flip ? 1.0 - p : p;
        var k = n * q < InversionMeanLimit ? Inversion(ref random, n, q) : Btrs(ref random, n, q);
        return flip ? n - k : k;
    }

    /// <summary>
    /// A multinomial draw of <paramref name="n"/> trials over cells with the given non-negative weights,
    /// written into <paramref name="result"/>: sequential conditional binomials, O(cells) draws.
    /// </summary>
    public static void SampleMultinomial(Random random, long n, ReadOnlySpan<long> weights, Span<long> result)
    {
        ArgumentNullException.ThrowIfNull(random);
        var source = new SystemRandomSource(random);
        SampleMultinomial(ref source, n, weights, result);
    }

    /// <summary>The same multinomial draw from any uniform source.</summary>
    internal static void SampleMultinomial<TRandom>(ref TRandom random, long n, ReadOnlySpan<long> weights, Span<long> result)
        where TRandom : struct, IUniformSource
    {
        if (result.Length != weights.Length)
        {
            throw new ArgumentException("One result per weight.", nameof(result));
        }

        long remainingWeight = 0;
        foreach (var w in weights)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(w, nameof(weights));
            remainingWeight += w;
        }

        var remaining = n;
        for (var k = 0; k < weights.Length; k++)
        {
            if (remaining == 0 || remainingWeight == 0)
            {
                result[k] = 0;
                continue;
            }

            // The last cell with weight takes what is left (probability exactly 1).
            var x = weights[k] == remainingWeight ? remaining : Sample(ref random, remaining, (double)weights[k] / remainingWeight);
            result[k] = x;
            remaining -= x;
            remainingWeight -= weights[k];
        }
    }

    /// <summary>Inversion by sequential search; q ≤ 0.5 and n·q &lt; 10, so (1 − q)^n ≥ e^−20 never underflows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long Inversion<TRandom>(ref TRandom random, long n, double q)
        where TRandom : struct, IUniformSource
    {
        var s = q / (1.0 - q);
        var a = (n + 1) * s;
        var r0 = Math.Exp(n * Math.Log(1.0 - q));
        while (true)
        {
            var u = random.NextDouble();
            var r = r0;
            long x = 0;
            while (u > r)
            {
                u -= r;
                x++;
                if (x > n)
                {
                    break; // Rounding left u above the total mass: draw again.
                }

                r *= (a / x) - s;
            }

            if (x <= n)
            {
                return x;
            }
        }
    }

    /// <summary>Hörmann's BTRS for q ≤ 0.5 and n·q ≥ 10.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long Btrs<TRandom>(ref TRandom random, long n, double q)
        where TRandom : struct, IUniformSource
    {
        var spq = Math.Sqrt(n * q * (1.0 - q));
        var b = 1.15 + (2.53 * spq);
        var a = -0.0873 + (0.0248 * b) + (0.01 * q);
        var c = (n * q) + 0.5;
        var vr = 0.92 - (4.2 / b);
        var twoA = 2.0 * a;

        // Only the rare candidates outside the squeeze need these; most draws are accepted before.
        var alpha = double.NaN;
        var m = double.NaN;
        var lpq = double.NaN;
        var h = double.NaN;

        while (true)
        {
            var u = random.NextDouble() - 0.5;
            var v = random.NextDouble();
            var us = 0.5 - Math.Abs(u);
            var k = Math.Floor((((twoA / us) + b) * u) + c);
            if (k < 0 || k > n)
            {
                continue;
            }

            if (us >= 0.07 && v <= vr)
            {
                return (long)k;
            }

            if (double.IsNaN(h))
            {
                alpha = (2.83 + (5.1 / b)) * spq;
                m = Math.Floor((n + 1) * q);
                lpq = Math.Log(q / (1.0 - q));
                h = LogFactorial(m) + LogFactorial(n - m);
            }

            v *= alpha / ((a / (us * us)) + b);

            if (Math.Log(v) <= h - LogFactorial(k) - LogFactorial(n - k) + ((k - m) * lpq))
            {
                return (long)k;
            }
        }
    }

    /// <summary>log k! for a non-negative integer k: exact sums below 10, Stirling's series to k^-5 above (error &lt; 1e-10).</summary>
    private static double LogFactorial(double k)
    {
        if (k < 10)
        {
            var sum = 0.0;
            for (var i = 2; i <= (int)k; i++)
            {
                sum += Math.Log(i);
            }

            return sum;
        }

        var k1 = k + 1.0;
        var k1Squared = k1 * k1;
        var tail = ((1.0 / 12.0) - (((1.0 / 360.0) - (1.0 / 1260.0 / k1Squared)) / k1Squared)) / k1;
        return ((k + 0.5) * Math.Log(k1)) - k1 + HalfLogTwoPi + tail;
    }
}
