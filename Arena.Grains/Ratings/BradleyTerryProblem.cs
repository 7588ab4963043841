namespace Arena.Ratings;

/// <summary>The counts as flat arrays: pair k joins models I[k] &lt; J[k].</summary>
internal sealed class BradleyTerryProblem
{
    public required int ModelCount { get; init; }

    public required int[] I { get; init; }

    public required int[] J { get; init; }

    public required long[] CountI { get; init; }

    public required long[] CountJ { get; init; }

    public required long[] CountTies { get; init; }

    /// <summary>W[I][J] per pair: wins of I plus half the ties.</summary>
    public required double[] WinsI { get; init; }

    /// <summary>W[J][I] per pair.</summary>
    public required double[] WinsJ { get; init; }

    public required long TotalVotes { get; init; }

    public int PairCount => I.Length;

    public static BradleyTerryProblem From(PairwiseCounts counts)
    {
        var m = counts.Pairs.Count;
        var problem = new BradleyTerryProblem
        {
            ModelCount = counts.Models.Count,
            I = new int[m],
            J = new int[m],
            CountI = new long[m],
            CountJ = new long[m],
            CountTies = new long[m],
            WinsI = new double[m],
            WinsJ = new double[m],
            TotalVotes = counts.TotalVotes,
        };
        for (var k = 0; k < m; k++)
        {
            var pair = counts.Pairs[k];
            if (pair.I < 0 || pair.I >= pair.J || pair.J >= counts.Models.Count)
            {
                throw new InvalidDataException($"Pair {k} ({pair.I}, {pair.J}) is not a pair of known models with I < J.");
            }

            (problem.I[k], problem.J[k]) = (pair.I, pair.J);
            (problem.CountI[k], problem.CountJ[k], problem.CountTies[k]) = (pair.WinsI, pair.WinsJ, pair.Ties);
            problem.WinsI[k] = pair.WinsI + (0.5 * pair.Ties);
            problem.WinsJ[k] = pair.WinsJ + (0.5 * pair.Ties);
        }

        return problem;
    }

    public ModelRecord[] Records()
    {
        var wins = new long[ModelCount];
        var losses = new long[ModelCount];
        var ties = new long[ModelCount];
        for (var k = 0; k < PairCount; k++)
        {
            wins[I[k]] += CountI[k];
            losses[I[k]] += CountJ[k];
            wins[J[k]] += CountJ[k];
            losses[J[k]] += CountI[k];
            ties[I[k]] += CountTies[k];
            ties[J[k]] += CountTies[k];
        }

        return [.. Enumerable.Range(0, ModelCount).Select(i => new ModelRecord(wins[i], losses[i], ties[i]))];
    }
}
