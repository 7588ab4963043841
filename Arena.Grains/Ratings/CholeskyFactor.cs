using System.Numerics;
using System.Runtime.InteropServices;

namespace Arena.Ratings;

/// <summary>
/// The Cholesky factor L·Lᵀ of a symmetric positive-definite n×n matrix, kept in a flat row-major array
/// (lower triangle), and the two triangular solves. Factor and solve allocate nothing.
/// </summary>
internal sealed class CholeskyFactor(int size)
{
    private readonly double[] _lower = new double[size * size];

    // Lᵀ row-major, so that the back substitution also reads rows.
    private readonly double[] _upper = new double[size * size];

    public int Size { get; } = size;

    /// <summary>The matrix to factor: fill its lower triangle (row i, columns ≤ i), then call <see cref="Factor"/>.</summary>
    public Span<double> Matrix => _lower;

    /// <summary>Factors <see cref="Matrix"/> in place; false when it is not (numerically) positive definite.</summary>
    public bool Factor()
    {
        var n = Size;
        var a = _lower.AsSpan();
        for (var i = 0; i < n; i++)
        {
            var rowI = a.Slice(i * n, i + 1);
            for (var j = 0; j < i; j++)
            {
                var rowJ = a.Slice(j * n, j);
                rowI[j] = (rowI[j] - Dot(rowI[..j], rowJ)) / a[(j * n) + j];
            }

            var diagonal = rowI[i] - Dot(rowI[..i], rowI[..i]);
            if (!(diagonal > 0) || !double.IsFinite(diagonal))
            {
                return false;
            }

            rowI[i] = Math.Sqrt(diagonal);
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                _upper[(j * n) + i] = a[(i * n) + j];
            }
        }

        return true;
    }

    /// <summary>Solves L·Lᵀ·x = b in place.</summary>
    public void Solve(Span<double> b)
    {
        var n = Size;
        ReadOnlySpan<double> a = _lower;
        for (var i = 0; i < n; i++)
        {
            b[i] = (b[i] - Dot(a.Slice(i * n, i), b[..i])) / a[(i * n) + i];
        }

        ReadOnlySpan<double> u = _upper;
        for (var i = n - 1; i >= 0; i--)
        {
            var start = (i * n) + i + 1;
            b[i] = (b[i] - Dot(u.Slice(start, n - i - 1), b.Slice(i + 1))) / u[start - 1];
        }
    }

    private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var sum = 0.0;
        var k = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= 2 * Vector<double>.Count)
        {
            var vx = MemoryMarshal.Cast<double, Vector<double>>(x);
            var vy = MemoryMarshal.Cast<double, Vector<double>>(y[..x.Length]);
            // Two accumulators, so consecutive multiply-adds do not wait on each other.
            var (even, odd) = (Vector<double>.Zero, Vector<double>.Zero);
            var v = 0;
            for (; v + 1 < vx.Length; v += 2)
            {
                even += vx[v] * vy[v];
                odd += vx[v + 1] * vy[v + 1];
            }

            if (v < vx.Length)
            {
                even += vx[v] * vy[v];
            }

            sum = Vector.Sum(even + odd);
            k = vx.Length * Vector<double>.Count;
        }

        for (; k < x.Length; k++)
        {
            sum += x[k] * y[k];
        }

        return sum;
    }
}
