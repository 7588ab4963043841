using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Arena.Ratings;

/// <summary>
/// The Cholesky factor Uᵀ·U of a symmetric positive-definite n×n matrix, U upper triangular, kept in a
/// flat row-major array, and the two triangular solves. Every inner loop runs along a row (contiguous,
/// vectorized); factor and solve allocate nothing.
/// </summary>
internal sealed class CholeskyFactor(int size)
{
    private readonly double[] _upper = new double[size * size];

    public int Size { get; } = size;

    /// <summary>The matrix to factor: fill its upper triangle (row i, columns ≥ i), then call <see cref="Factor"/>.</summary>
    public Span<double> Matrix => _upper;

    /// <summary>Factors <see cref="Matrix"/> in place (right-looking); false when it is not (numerically) positive definite.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Factor()
    {
        var n = Size;
        var a = _upper.AsSpan();
        for (var k = 0; k < n; k++)
        {
            var rowK = a.Slice((k * n) + k, n - k);
            var pivot = rowK[0];
            if (!(pivot > 0) || !double.IsFinite(pivot))
            {
                return false;
            }

            var root = Math.Sqrt(pivot);
            rowK[0] = root;
            var tail = rowK[1..];
            Scale(tail, 1.0 / root);

            // The trailing rows lose this row's contribution: A[i, i..] −= U[k, i]·U[k, i..].
            for (var i = k + 1; i < n; i++)
            {
                var factor = rowK[i - k];
                if (factor != 0)
                {
                    Subtract(a.Slice((i * n) + i, n - i), factor, rowK[(i - k)..]);
                }
            }
        }

        return true;
    }

    /// <summary>Solves Uᵀ·U·x = b in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Solve(Span<double> b)
    {
        var n = Size;
        ReadOnlySpan<double> u = _upper;

        // Uᵀ·y = b, column by column of Uᵀ (rows of U).
        for (var k = 0; k < n; k++)
        {
            var row = u.Slice((k * n) + k, n - k);
            var y = b[k] / row[0];
            b[k] = y;
            if (y != 0)
            {
                Subtract(b.Slice(k + 1), y, row[1..]);
            }
        }

        // U·x = y, row by row from the bottom.
        for (var i = n - 1; i >= 0; i--)
        {
            var row = u.Slice((i * n) + i, n - i);
            b[i] = (b[i] - Dot(row[1..], b.Slice(i + 1))) / row[0];
        }
    }

    /// <summary>x ← x·s.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scale(Span<double> x, double s)
    {
        var k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vx = MemoryMarshal.Cast<double, Vector<double>>(x);
            var vs = new Vector<double>(s);
            for (var v = 0; v < vx.Length; v++)
            {
                vx[v] *= vs;
            }

            k = vx.Length * Vector<double>.Count;
        }

        for (; k < x.Length; k++)
        {
            x[k] *= s;
        }
    }

    /// <summary>x ← x − s·y (y at least as long as x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Subtract(Span<double> x, double s, ReadOnlySpan<double> y)
    {
        var k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vx = MemoryMarshal.Cast<double, Vector<double>>(x);
            var vy = MemoryMarshal.Cast<double, Vector<double>>(y[..x.Length]);
            var vs = new Vector<double>(s);
            for (var v = 0; v < vx.Length; v++)
            {
                vx[v] -= vs * vy[v];
            }

            k = vx.Length * Vector<double>.Count;
        }

        for (; k < x.Length; k++)
        {
            x[k] -= s * y[k];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var sum = 0.0;
        var k = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            var vx = MemoryMarshal.Cast<double, Vector<double>>(x);
            var vy = MemoryMarshal.Cast<double, Vector<double>>(y[..x.Length]);
            var acc = Vector<double>.Zero;
            for (var v = 0; v < vx.Length; v++)
            {
                acc += vx[v] * vy[v];
            }

            sum = Vector.Sum(acc);
            k = vx.Length * Vector<double>.Count;
        }

        for (; k < x.Length; k++)
        {
            sum += x[k] * y[k];
        }

        return sum;
    }
}
