using System.Runtime.CompilerServices;

namespace Arena.Ratings;

/// <summary>
/// Everything one fit writes, allocated once per worker and reused for every bootstrap round: the pairs
/// that have votes (compacted), the strengths and the solver's and graph search's scratch arrays.
/// </summary>
internal sealed class BradleyTerryWorkspace
{
    public BradleyTerryWorkspace(int models, int pairs)
    {
        ModelCount = models;
        Draws = new long[3 * pairs];
        I = new int[pairs];
        J = new int[pairs];
        WinsI = new double[pairs];
        WinsJ = new double[pairs];
        Total = new double[pairs];
        P = new double[models];
        Theta = new double[models];
        Wins = new double[models];
        Denominators = new double[models];
        Step = new double[models];
        Component = new int[models];
        Degree = new int[models + 1];
        Fill = new int[models];
        Adjacent = new int[2 * pairs];
        Queue = new int[models];
        Work = new int[models];
        Forward = new bool[models];
        Backward = new bool[models];
        LogSums = new double[models];
        Sizes = new int[models];
        Hessian = new CholeskyFactor(models);
    }

    public int ModelCount { get; }

    /// <summary>A bootstrap round's multinomial counts per (pair, outcome) cell.</summary>
    public long[] Draws { get; }

    /// <summary>How many of the pair arrays below are in use: the pairs with votes.</summary>
    public int PairCount { get; private set; }

    public int[] I { get; }

    public int[] J { get; }

    public double[] WinsI { get; }

    public double[] WinsJ { get; }

    /// <summary>WinsI + WinsJ per compacted pair.</summary>
    public double[] Total { get; }

    /// <summary>Strengths: the warm start on entry to a solver, the fit on return.</summary>
    public double[] P { get; }

    /// <summary>log P, kept by the Newton solvers.</summary>
    public double[] Theta { get; }

    /// <summary>Σ_j W[i][j] per model.</summary>
    public double[] Wins { get; }

    public double[] Denominators { get; }

    public double[] Step { get; }

    public int[] Component { get; }

    public int[] Degree { get; }

    public int[] Fill { get; }

    public int[] Adjacent { get; }

    public int[] Queue { get; }

    public int[] Work { get; }

    public bool[] Forward { get; }

    public bool[] Backward { get; }

    public double[] LogSums { get; }

    public int[] Sizes { get; }

    /// <summary>Scratch for Newton steps: this fit's own Hessian.</summary>
    public CholeskyFactor Hessian { get; }

    /// <summary>Loads the pairs with votes (in pair order) and each model's wins.</summary>
    public void Load(int[] pairI, int[] pairJ, ReadOnlySpan<double> winsI, ReadOnlySpan<double> winsJ)
    {
        var active = 0;
        for (var k = 0; k < winsI.Length; k++)
        {
            if (winsI[k] + winsJ[k] > 0)
            {
                I[active] = pairI[k];
                J[active] = pairJ[k];
                WinsI[active] = winsI[k];
                WinsJ[active] = winsJ[k];
                active++;
            }
        }

        PairCount = active;
        SumWins();
    }

    /// <summary>
    /// Loads a bootstrap round: W[I][J] = wins of I + ½·ties from the (pair, outcome) draws, for the pairs
    /// that drew votes, in one pass.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void LoadDraws(int[] pairI, int[] pairJ, ReadOnlySpan<long> draws)
    {
        Array.Clear(Wins);
        var active = 0;
        var pairs = draws.Length / 3;
        for (var k = 0; k < pairs; k++)
        {
            var (wonI, wonJ, tied) = (draws[3 * k], draws[(3 * k) + 1], draws[(3 * k) + 2]);
            if ((wonI | wonJ | tied) != 0)
            {
                var ties = 0.5 * tied;
                var (a, b) = (pairI[k], pairJ[k]);
                var (winsI, winsJ) = (wonI + ties, wonJ + ties);
                (I[active], J[active], WinsI[active], WinsJ[active], Total[active]) = (a, b, winsI, winsJ, winsI + winsJ);
                Wins[a] += winsI;
                Wins[b] += winsJ;
                active++;
            }
        }

        PairCount = active;
    }

    /// <summary>Adds <paramref name="pseudoCount"/> virtual ties to every loaded pair.</summary>
    public void Regularize(double pseudoCount)
    {
        var half = pseudoCount / 2.0;
        for (var k = 0; k < PairCount; k++)
        {
            WinsI[k] += half;
            WinsJ[k] += half;
        }

        SumWins();
    }

    private void SumWins()
    {
        Array.Clear(Wins);
        for (var k = 0; k < PairCount; k++)
        {
            Wins[I[k]] += WinsI[k];
            Wins[J[k]] += WinsJ[k];
            Total[k] = WinsI[k] + WinsJ[k];
        }
    }
}
