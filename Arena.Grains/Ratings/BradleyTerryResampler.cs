using System.Runtime.CompilerServices;

namespace Arena.Ratings;

/// <summary>
/// One bootstrap resample of the battles, as counts per (pair, outcome) cell: N battles drawn with
/// replacement from the N counted is exactly a Multinomial(N, counts / N) over the cells. Two exact ways
/// to draw it, whichever is cheaper for the data:
/// <list type="bullet">
/// <item>few votes for the cells: draw N battles one by one, uniformly (a table maps battle → cell);</item>
/// <item>otherwise: sequential conditional binomials over the cells with votes, O(cells) draws whatever N.</item>
/// </list>
/// Read-only after construction, so every worker shares one.
/// </summary>
internal sealed class BradleyTerryResampler
{
    /// <summary>Drawing battles one by one wins while there are at most this many per cell with votes.</summary>
    internal const int DirectVotesPerCell = 8;

    private readonly long _totalVotes;
    private readonly int[] _cells;
    private readonly long[] _weights;

    // Cell c's probability given that the cells before it took what they took: its weight over the weight left.
    private readonly double[] _conditional;
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
        _weights = new long[cellCount];
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
                    (_cells[c], _weights[c]) = ((3 * k) + o, count);
                    c++;
                }
            }
        }

        var remainingWeight = _totalVotes;
        for (c = 0; c < cellCount; c++)
        {
            _conditional[c] = (double)_weights[c] / remainingWeight;
            remainingWeight -= _weights[c];
        }

        if (oneByOne)
        {
            _voteCells = new int[checked((int)_totalVotes)];
            var v = 0;
            for (c = 0; c < _cells.Length; c++)
            {
                _voteCells.AsSpan(v, (int)_weights[c]).Fill(_cells[c]);
                v += (int)_weights[c];
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

        var remaining = _totalVotes;
        var last = _cells.Length - 1;
        for (var c = 0; c < last && remaining > 0; c++)
        {
            var x = Binomial.Sample(ref random, remaining, _conditional[c]);
            draws[_cells[c]] = x;
            remaining -= x;
        }

        if (last >= 0)
        {
            draws[_cells[last]] = remaining; // The last cell takes what is left (probability exactly 1).
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
