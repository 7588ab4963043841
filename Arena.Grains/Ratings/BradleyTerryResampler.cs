using System.Runtime.CompilerServices;

namespace Arena.Ratings;

/// <summary>
/// One bootstrap resample of the battles, as counts per (pair, outcome) cell: N battles drawn with
/// replacement from the N counted is exactly a Multinomial(N, counts / N) over the cells. Two exact ways
/// to draw it, whichever is cheaper for the data:
/// <list type="bullet">
/// <item>few votes for the cells: draw N battles one by one, uniformly (a table maps battle → cell);</item>
/// <item>otherwise: conditional binomials, O(cells) draws whatever N. The cells with votes are cut into
/// four runs; the runs' totals are a multinomial of N (three binomials), and each run is then a
/// sequential chain (cell c ~ Binomial(left in its run, w_c / weight left in its run)). The four chains
/// do not depend on each other, so the processor overlaps them.</item>
/// </list>
/// Read-only after construction, so every worker shares one.
/// </summary>
internal sealed class BradleyTerryResampler
{
    /// <summary>Drawing battles one by one wins while there are at most this many per cell with votes.</summary>
    internal const int DirectVotesPerCell = 8;

    private const int Runs = 4;

    private readonly long _totalVotes;
    private readonly int[] _cells;

    // Cell c's probability given what the cells before it in its run took: its weight over the run's weight left.
    private readonly double[] _conditional;

    // Run r holds cells [_runStart[r], _runStart[r + 1]); _runConditional[r] is its weight over the weight of runs r and after.
    private readonly int[] _runStart = new int[Runs + 1];
    private readonly double[] _runConditional = new double[Runs];
    private readonly int[]? _voteCells;

    public BradleyTerryResampler(BradleyTerryProblem problem)
        : this(problem, problem.TotalVotes <= (long)DirectVotesPerCell * CellsWithVotes(problem))
    {
    }

    /// <summary>Chooses the method explicitly (tests compare both).</summary>
    internal BradleyTerryResampler(BradleyTerryProblem problem, bool oneByOne)
    {
        var cellCount = CellsWithVotes(problem);
        _totalVotes = problem.TotalVotes;
        _cells = new int[cellCount];
        var weights = new long[cellCount];
        _conditional = new double[cellCount];
        CellCount = 3 * problem.PairCount;
        var c = 0;
        for (var k = 0; k < problem.PairCount; k++)
        {
            for (var o = 0; o < 3; o++)
            {
                var count = o switch { 0 => problem.CountI[k], 1 => problem.CountJ[k], _ => problem.CountTies[k] };
                if (count > 0)
                {
                    (_cells[c], weights[c]) = ((3 * k) + o, count);
                    c++;
                }
            }
        }

        var runWeights = new long[Runs];
        for (var r = 0; r < Runs; r++)
        {
            (_runStart[r], _runStart[r + 1]) = (r * cellCount / Runs, (r + 1) * cellCount / Runs);
            for (c = _runStart[r]; c < _runStart[r + 1]; c++)
            {
                runWeights[r] += weights[c];
            }

            var left = runWeights[r];
            for (c = _runStart[r]; c < _runStart[r + 1]; c++)
            {
                _conditional[c] = (double)weights[c] / left; // The run's last cell: exactly 1.
                left -= weights[c];
            }
        }

        var weightLeft = _totalVotes;
        for (var r = 0; r < Runs; r++)
        {
            _runConditional[r] = weightLeft > 0 ? (double)runWeights[r] / weightLeft : 0.0;
            weightLeft -= runWeights[r];
        }

        if (oneByOne)
        {
            _voteCells = new int[checked((int)_totalVotes)];
            var v = 0;
            for (c = 0; c < cellCount; c++)
            {
                _voteCells.AsSpan(v, (int)weights[c]).Fill(_cells[c]);
                v += (int)weights[c];
            }
        }
    }

    /// <summary>Cells (3 per pair: I won, J won, tie), with or without votes.</summary>
    public int CellCount { get; }

    public bool OneByOne => _voteCells is not null;

    /// <summary>Writes one resample's count per cell into <paramref name="draws"/> (length <see cref="CellCount"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Draw(ref Xoshiro256StarStar random, Span<long> draws)
    {
        draws.Clear();
        if (_voteCells is { } voteCells)
        {
            var n = (ulong)voteCells.Length;
            for (var d = 0; d < voteCells.Length; d++)
            {
                draws[voteCells[(int)random.NextBelow(n)]]++;
            }

            return;
        }

        // The runs' totals: sequential binomials over the four runs.
        var left = _totalVotes;
        var r0 = Binomial.Sample(ref random, left, _runConditional[0]);
        left -= r0;
        var r1 = Binomial.Sample(ref random, left, _runConditional[1]);
        left -= r1;
        var r2 = Binomial.Sample(ref random, left, _runConditional[2]);
        var r3 = left - r2;

        // The four chains, a cell of each in turn.
        var (s0, s1, s2, s3) = (_runStart[0], _runStart[1], _runStart[2], _runStart[3]);
        var (n0, n1, n2, n3) = (s1 - s0, s2 - s1, s3 - s2, _runStart[4] - s3);
        var (cells, conditional) = (_cells, _conditional);
        for (var t = 0; t < n3; t++)
        {
            if (t < n0)
            {
                var x = Binomial.Sample(ref random, r0, conditional[s0 + t]);
                draws[cells[s0 + t]] = x;
                r0 -= x;
            }

            if (t < n1)
            {
                var x = Binomial.Sample(ref random, r1, conditional[s1 + t]);
                draws[cells[s1 + t]] = x;
                r1 -= x;
            }

            if (t < n2)
            {
                var x = Binomial.Sample(ref random, r2, conditional[s2 + t]);
                draws[cells[s2 + t]] = x;
                r2 -= x;
            }

            var y = Binomial.Sample(ref random, r3, conditional[s3 + t]);
            draws[cells[s3 + t]] = y;
            r3 -= y;
        }
    }

    private static int CellsWithVotes(BradleyTerryProblem problem)
    {
        var cells = 0;
        for (var k = 0; k < problem.PairCount; k++)
        {
            cells += (problem.CountI[k] > 0 ? 1 : 0) + (problem.CountJ[k] > 0 ? 1 : 0) + (problem.CountTies[k] > 0 ? 1 : 0);
        }

        return cells;
    }
}
