using System.Runtime.CompilerServices;

namespace Arena.Ratings;

/// <summary>
/// Whether the MLE exists: the connected groups of the loaded pairs, and whether each group is strongly
/// connected by "won (or tied) against". Works in the workspace's arrays; allocates nothing.
/// </summary>
internal static class BradleyTerryGraph
{
    /// <summary>Fills <see cref="BradleyTerryWorkspace.Component"/>; returns the number of groups and whether all are strong.</summary>
    public static (int Components, bool Strong) Analyse(BradleyTerryWorkspace ws)
    {
        if (AllStronglyConnected(ws))
        {
            Array.Clear(ws.Component);
            return (1, true);
        }

        return AnalyseGroups(ws);
    }

    /// <summary>
    /// The common case, checked in a few passes over the pairs: model 0 reaches every model along "won or
    /// tied against" edges and every model reaches model 0. Marks spread along pair order, so a dense graph
    /// settles in two or three passes; a pass that marks nothing ends the search.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool AllStronglyConnected(BradleyTerryWorkspace ws)
    {
        var n = ws.ModelCount;
        if (n == 0)
        {
            return false;
        }

        var (forward, backward) = (ws.Forward, ws.Backward);
        var (pairI, pairJ, winsI, winsJ) = (ws.I, ws.J, ws.WinsI, ws.WinsJ);
        Array.Clear(forward);
        Array.Clear(backward);
        (forward[0], backward[0]) = (true, true);
        var marked = 2;
        bool changed;
        do
        {
            changed = false;
            for (var k = 0; k < ws.PairCount; k++)
            {
                var (a, b) = (pairI[k], pairJ[k]);
                if (winsI[k] > 0) // a → b
                {
                    if (forward[a] && !forward[b])
                    {
                        (forward[b], changed) = (true, true);
                        marked++;
                    }

                    if (backward[b] && !backward[a])
                    {
                        (backward[a], changed) = (true, true);
                        marked++;
                    }
                }

                if (winsJ[k] > 0) // b → a
                {
                    if (forward[b] && !forward[a])
                    {
                        (forward[a], changed) = (true, true);
                        marked++;
                    }

                    if (backward[a] && !backward[b])
                    {
                        (backward[b], changed) = (true, true);
                        marked++;
                    }
                }
            }
        }
        while (changed && marked < 2 * n);

        Array.Clear(forward);
        Array.Clear(backward);
        return marked == 2 * n;
    }

    /// <summary>The general case: each connected group by breadth-first search, then whether it is strongly connected.</summary>
    private static (int Components, bool Strong) AnalyseGroups(BradleyTerryWorkspace ws)
    {
        var n = ws.ModelCount;
        var m = ws.PairCount;
        var (pairI, pairJ, degree, adjacent) = (ws.I, ws.J, ws.Degree, ws.Adjacent);

        // Adjacency in compressed rows: for model i, the loaded pairs it took part in.
        Array.Clear(degree);
        for (var k = 0; k < m; k++)
        {
            degree[pairI[k] + 1]++;
            degree[pairJ[k] + 1]++;
        }

        for (var i = 0; i < n; i++)
        {
            degree[i + 1] += degree[i];
        }

        var fill = ws.Fill;
        Array.Copy(degree, fill, n);
        for (var k = 0; k < m; k++)
        {
            adjacent[fill[pairI[k]]++] = k;
            adjacent[fill[pairJ[k]]++] = k;
        }

        var component = ws.Component;
        Array.Fill(component, -1);
        var components = 0;
        var strong = true;
        var queue = ws.Queue;
        for (var root = 0; root < n; root++)
        {
            if (component[root] >= 0)
            {
                continue;
            }

            // Undirected search for the group.
            var (head, tail) = (0, 0);
            queue[tail++] = root;
            component[root] = components;
            while (head < tail)
            {
                var i = queue[head++];
                for (var e = degree[i]; e < degree[i + 1]; e++)
                {
                    var k = adjacent[e];
                    var j = pairI[k] == i ? pairJ[k] : pairI[k];
                    if (component[j] < 0)
                    {
                        component[j] = components;
                        queue[tail++] = j;
                    }
                }
            }

            var size = tail;
            if (size > 1 && strong)
            {
                strong = Reaches(ws, root, size, ws.Forward, outgoing: true)
                    && Reaches(ws, root, size, ws.Backward, outgoing: false);
            }

            components++;
        }

        return (components, strong);
    }

    /// <summary>Whether a search from root along "won or tied against" edges (or against them) reaches the whole group.</summary>
    private static bool Reaches(BradleyTerryWorkspace ws, int root, int size, bool[] seen, bool outgoing)
    {
        var queue = ws.Work;
        var (head, tail) = (0, 0);
        queue[tail++] = root;
        seen[root] = true;
        while (head < tail)
        {
            var i = queue[head++];
            for (var e = ws.Degree[i]; e < ws.Degree[i + 1]; e++)
            {
                var k = ws.Adjacent[e];
                var iIsI = ws.I[k] == i;
                var j = iIsI ? ws.J[k] : ws.I[k];
                var ofI = iIsI ? ws.WinsI[k] : ws.WinsJ[k];
                var ofJ = iIsI ? ws.WinsJ[k] : ws.WinsI[k];
                if (!seen[j] && (outgoing ? ofI : ofJ) > 0)
                {
                    seen[j] = true;
                    queue[tail++] = j;
                }
            }
        }

        for (var q = 0; q < tail; q++)
        {
            seen[queue[q]] = false;
        }

        return tail == size;
    }
}
