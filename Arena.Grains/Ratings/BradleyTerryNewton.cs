using System.Runtime.CompilerServices;

namespace Arena.Ratings;

/// <summary>
/// Newton-type steps on θ = log p for a connected problem whose MLE exists. The log-likelihood
/// ℓ(θ) = Σ_k [a_k θ_i + b_k θ_j − t_k log(e^θ_i + e^θ_j)] has gradient g_i = W_i − Σ_j t_ij π_ij, with
/// π_ij = p_i / (p_i + p_j), and −Hessian L = Σ_k t_k π_k (1 − π_k)(e_i − e_j)(e_i − e_j)ᵀ, a weighted graph
/// Laplacian: singular along 1 only. Adding s·11ᵀ makes it positive definite without changing the step,
/// since 1ᵀg = 0 (so 1ᵀδ = 0 and Lδ = g).
/// <para>
/// A bootstrap round uses the chord (simplified Newton) method: the Hessian factored once at the point
/// estimate, θ ← θ + L₀⁻¹ g(θ), each step O(pairs + models²). A resample's Hessian is close to L₀, so the
/// error shrinks by a large factor per step; where it is not (sparse data), the iteration stalls and the
/// caller falls back to MM.
/// </para>
/// </summary>
internal static class BradleyTerryNewton
{
    /// <summary>A step ratio above this (successive largest steps) counts as stalling: a Newton step is then cheaper.</summary>
    private const double StallRatio = 0.5;

    /// <summary>A first chord step larger than this in any log-strength is not taken: the fixed Hessian does not fit the data.</summary>
    private const double MaxFirstStep = 1.0;

    /// <summary>A Newton step is scaled down to at most this in any log-strength (a factor e² ≈ 7.4), so that far from the solution it cannot overshoot.</summary>
    private const double MaxNewtonStep = 2.0;

    /// <summary>Newton converges quadratically once near; this many steps without converging means something is wrong.</summary>
    private const int MaxNewtonSteps = 100;

    /// <summary>Builds −Hessian + s·11ᵀ at the workspace's P over its loaded pairs and factors it; false if that fails.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool FactorHessian(BradleyTerryWorkspace ws, CholeskyFactor factor)
    {
        var n = ws.ModelCount;
        var matrix = factor.Matrix;
        matrix.Clear();
        var (p, total, pairI, pairJ) = (ws.P, ws.Total, ws.I, ws.J);
        for (var k = 0; k < ws.PairCount; k++)
        {
            var (a, b) = (pairI[k], pairJ[k]);
            var pi = p[a] / (p[a] + p[b]);
            var w = total[k] * pi * (1.0 - pi);
            matrix[(a * n) + a] += w;
            matrix[(b * n) + b] += w;
            matrix[(a * n) + b] -= w; // a < b: the upper triangle holds row a, column b.
        }

        var trace = 0.0;
        for (var i = 0; i < n; i++)
        {
            trace += matrix[(i * n) + i];
        }

        var shift = trace / ((double)n * n);
        for (var i = 0; i < n; i++)
        {
            for (var j = i; j < n; j++)
            {
                matrix[(i * n) + j] += shift;
            }
        }

        return shift > 0 && factor.Factor();
    }

    /// <summary>
    /// The chord iteration from the workspace's P, until no strength would change by more than the
    /// tolerance, relatively, in this step or (estimated from the rate of contraction) all later ones. Returns converged = false when it stalls or reaches the cap; P then holds the steps
    /// taken, each smaller than the one before, for Newton's method to continue from.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (int Steps, bool Converged) Chord(BradleyTerryWorkspace ws, CholeskyFactor factor, double tolerance, int maxSteps)
    {
        var n = ws.ModelCount;
        var (p, theta, step) = (ws.P, ws.Theta, ws.Step);
        for (var i = 0; i < n; i++)
        {
            theta[i] = Math.Log(p[i]);
        }

        var previous = double.PositiveInfinity;
        for (var s = 1; s <= maxSteps; s++)
        {
            Gradient(ws, step);
            factor.Solve(step);
            var largest = 0.0;
            for (var i = 0; i < n; i++)
            {
                largest = Math.Max(largest, Math.Abs(step[i]));
            }

            if (!(largest <= (s == 1 ? MaxFirstStep : StallRatio * previous)))
            {
                return (s - 1, false);
            }

            var change = 0.0;
            for (var i = 0; i < n; i++)
            {
                theta[i] += step[i];
                p[i] = Math.Exp(theta[i]);
                change = Math.Max(change, Math.Abs(double.ExpM1(step[i])));
            }

            // The iteration contracts linearly, by ρ = this step / the last per step, so all the steps still
            // to come add up to about change·ρ / (1 − ρ): stop when that, or this step, is below the tolerance.
            var rate = s > 1 ? largest / previous : 1.0;
            if (change < tolerance || (rate < StallRatio && change * rate / (1.0 - rate) < tolerance))
            {
                return (s, true);
            }

            previous = largest;
        }

        return (maxSteps, false);
    }

    /// <summary>
    /// Newton's method from the workspace's P, with the Hessian rebuilt and factored (in
    /// <paramref name="scratch"/>) at every step while steps are capped and every second step after, until no strength changes by more than the tolerance,
    /// relatively. Returns converged = false when a factorization fails or the step cap is reached.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (int Steps, bool Converged) Newton(BradleyTerryWorkspace ws, CholeskyFactor scratch, double tolerance, int maxSteps)
    {
        var n = ws.ModelCount;
        var (p, theta, step) = (ws.P, ws.Theta, ws.Step);
        for (var i = 0; i < n; i++)
        {
            theta[i] = Math.Log(p[i]);
        }

        var cap = Math.Min(maxSteps, MaxNewtonSteps);
        var refactor = true;
        for (var s = 1; s <= cap; s++)
        {
            // Near the solution, a factorization serves two steps (Shamanskii's variant: cubic order per factorization).
            if (refactor && !FactorHessian(ws, scratch))
            {
                return (s, false);
            }

            Gradient(ws, step);
            scratch.Solve(step);
            var largest = 0.0;
            for (var i = 0; i < n; i++)
            {
                largest = Math.Max(largest, Math.Abs(step[i]));
            }

            if (!double.IsFinite(largest))
            {
                return (s, false);
            }

            var shrink = largest > MaxNewtonStep ? MaxNewtonStep / largest : 1.0;
            var change = 0.0;
            for (var i = 0; i < n; i++)
            {
                var delta = step[i] * shrink;
                theta[i] += delta;
                p[i] = Math.Exp(theta[i]);
                change = Math.Max(change, Math.Abs(double.ExpM1(delta)));
            }

            if (shrink == 1.0 && change < tolerance)
            {
                return (s, true);
            }

            refactor = shrink < 1.0 || !refactor;
        }

        return (cap, false);
    }

    /// <summary>g_i = W_i − Σ_j t_ij π_ij over the loaded pairs, at the workspace's P.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Gradient(BradleyTerryWorkspace ws, Span<double> gradient)
    {
        ws.Wins.CopyTo(gradient);
        var (p, total, pairI, pairJ) = (ws.P, ws.Total, ws.I, ws.J);
        for (var k = 0; k < ws.PairCount; k++)
        {
            var (a, b) = (pairI[k], pairJ[k]);
            var expected = total[k] * p[a] / (p[a] + p[b]);
            gradient[a] -= expected;
            gradient[b] -= total[k] - expected;
        }
    }
}
