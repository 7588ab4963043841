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
