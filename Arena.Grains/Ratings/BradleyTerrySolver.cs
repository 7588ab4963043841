using System.Runtime.CompilerServices;

namespace Arena.Ratings;

/// <summary>
/// Fits the pairs loaded in a workspace. Data whose MLE does not exist gets the virtual ties of
/// <see cref="BradleyTerryOptions.DegenerateTiePseudoCount"/>. A connected, strongly connected problem with
/// a factored Hessian near its solution (a bootstrap round) is solved by the chord method of
/// <see cref="BradleyTerryNewton"/>; when that stalls or the round is regularized, by Newton's method with
/// the round's own Hessian; a fit with no Hessian (the point fit, several connected groups) by MM.
/// </summary>
internal static class BradleyTerrySolver
{
    /// <summary>
    /// Fits from <paramref name="start"/> (non-positive entries start at 1) into
    /// <see cref="BradleyTerryWorkspace.P"/>; each connected group ends with geometric-mean strength 1.
    /// </summary>
    public static FitInfo Solve(
        BradleyTerryWorkspace ws, ReadOnlySpan<double> start, double tolerance, int maxIterations, double pseudoCount, CholeskyFactor? chord)
    {
        var (components, strong) = BradleyTerryGraph.Analyse(ws);
        if (!strong)
        {
            ws.Regularize(pseudoCount);
        }

        start.CopyTo(ws.P);
        if (chord is not null && components == 1)
        {
            var steps = 0;
            if (strong)
            {
                (steps, var converged) = BradleyTerryNewton.Chord(ws, chord, tolerance, maxIterations);
                if (converged)
                {
                    NormalizeGroups(ws, components);
                    return new FitInfo(steps, Converged: true, Regularized: false, components);
                }

                // The chord iteration stalled: Newton from where it got to.
            }

            // Regularized or stalled: Newton with this resample's own Hessian.
            var (newtonSteps, newtonConverged) = BradleyTerryNewton.Newton(ws, ws.Hessian, tolerance, maxIterations);
            if (newtonConverged)
            {
                NormalizeGroups(ws, components);
                return new FitInfo(steps + newtonSteps, Converged: true, Regularized: !strong, components);
            }

            start.CopyTo(ws.P); // Newton failed: MM from the warm start, as for any other data.
        }

        var (iterations, mmConverged) = Mm(ws, tolerance, maxIterations);
        NormalizeGroups(ws, components);
        return new FitInfo(iterations, mmConverged, Regularized: !strong, components);
    }

    /// <summary>
    /// MM on the loaded pairs, in place on P: p_i ← W_i / Σ_j n_ij / (p_i + p_j), renormalised to Σp = n,
    /// until no p_i changes by more than the tolerance, relatively.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int Iterations, bool Converged) Mm(BradleyTerryWorkspace ws, double tolerance, int maxIterations)
    {
        var n = ws.ModelCount;
        var m = ws.PairCount;
        var (p, wins, denominators, total, pairI, pairJ) = (ws.P, ws.Wins, ws.Denominators, ws.Total, ws.I, ws.J);
        for (var i = 0; i < n; i++)
        {
            if (!(p[i] > 0) || !double.IsFinite(p[i]))
            {
                p[i] = 1.0;
            }
        }

        var iterations = 0;
        var converged = false;
        while (!converged && iterations < maxIterations)
        {
            iterations++;
            Array.Clear(denominators);
            for (var k = 0; k < m; k++)
            {
                var (a, b) = (pairI[k], pairJ[k]);
                var t = total[k] / (p[a] + p[b]);
                denominators[a] += t;
                denominators[b] += t;
            }

            var sum = 0.0;
            for (var i = 0; i < n; i++)
            {
                sum += denominators[i] > 0 ? wins[i] / denominators[i] : p[i];
            }

            var scale = n / sum;
            var change = 0.0;
            for (var i = 0; i < n; i++)
            {
                var next = (denominators[i] > 0 ? wins[i] / denominators[i] : p[i]) * scale;
                change = Math.Max(change, Math.Abs((next / p[i]) - 1.0));
                p[i] = next;
            }

            converged = change < tolerance;
        }

        return (iterations, converged);
    }

    /// <summary>Each connected group (from the last graph analysis): geometric mean 1.</summary>
    private static void NormalizeGroups(BradleyTerryWorkspace ws, int components)
    {
        var (p, component, logSums, sizes) = (ws.P, ws.Component, ws.LogSums, ws.Sizes);
        Array.Clear(logSums, 0, components);
        Array.Clear(sizes, 0, components);
        for (var i = 0; i < p.Length; i++)
        {
            logSums[component[i]] += Math.Log(p[i]);
            sizes[component[i]]++;
        }

        for (var i = 0; i < p.Length; i++)
        {
            p[i] /= Math.Exp(logSums[component[i]] / sizes[component[i]]);
        }
    }
}

/// <summary>How a fit went: steps taken, whether it met the tolerance, whether virtual ties were added, and the connected groups.</summary>
internal readonly record struct FitInfo(int Iterations, bool Converged, bool Regularized, int Components);
