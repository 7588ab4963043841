using Arena.Battles;
using Arena.Ratings;

namespace Arena.Grains.Tests.Ratings;

public sealed class BradleyTerryBootstrapTests
{
    [Fact]
    public void Compute_SameSeed_GivesIdenticalIntervals()
    {
        var counts = Proportional(1);

        var first = BradleyTerry.Compute(counts, new BradleyTerryOptions { Seed = 7 });
        var second = BradleyTerry.Compute(counts, new BradleyTerryOptions { Seed = 7 });
        var sequential = BradleyTerry.Compute(counts, new BradleyTerryOptions { Seed = 7, Parallel = false });
        var otherSeed = BradleyTerry.Compute(counts, new BradleyTerryOptions { Seed = 8 });

        Assert.Equal(first.Models, second.Models);
        Assert.Equal(first.Models, sequential.Models);
        Assert.NotEqual(first.Models.Select(m => m.Lower), otherSeed.Models.Select(m => m.Lower));
        Assert.Equal(100, first.Rounds);
        Assert.Equal(7, first.Seed);
        Assert.Equal(counts.TotalVotes, first.TotalVotes);
    }

    [Fact]
    public void Compute_EveryModel_LowerAtMostRatingAtMostUpper()
    {
        var result = BradleyTerry.Compute(Proportional(1));

        Assert.All(result.Models, m =>
        {
            Assert.True(m.Lower <= m.Rating && m.Rating <= m.Upper, $"{m.Id}: {m.Lower} ≤ {m.Rating} ≤ {m.Upper}");
            Assert.True(m.Upper > m.Lower, $"{m.Id}: empty interval");
        });
    }

    [Fact]
    public void Compute_TenTimesTheVotesInSameProportions_NarrowsEveryInterval()
    {
        var small = BradleyTerry.Compute(Proportional(1)).Models.ToDictionary(m => m.Id);
        var large = BradleyTerry.Compute(Proportional(10)).Models.ToDictionary(m => m.Id);

        foreach (var (id, s) in small)
        {
            var l = large[id];
            Assert.Equal(s.Rating, l.Rating, 6);
            Assert.True(l.Upper - l.Lower < (s.Upper - s.Lower) * 0.6, $"{id}: width {l.Upper - l.Lower} vs {s.Upper - s.Lower}");
        }
    }

    [Fact]
    public void RankUpperBound_HandBuiltIntervals_CountsModelsSurelyAbove()
    {
        // top [1580, 1620]; middle [1490, 1590] overlaps top; bottom [1400, 1500] is below top's lower bound.
        double[] lower = [1580, 1490, 1400];
        double[] upper = [1620, 1590, 1500];

        var ranks = BradleyTerry.RankUpperBound(lower, upper);

        Assert.Equal([1, 1, 2], ranks);
    }

    [Fact]
    public void Compute_ThreeModelsTopClearlyAboveBottom_RankUbSeparatesThem()
    {
        var counts = new PairwiseCounts();
        counts.Add("top", "mid", BattleOutcome.A, 60);
        counts.Add("top", "mid", BattleOutcome.B, 40);
        counts.Add("mid", "bottom", BattleOutcome.A, 60);
        counts.Add("mid", "bottom", BattleOutcome.B, 40);
        counts.Add("top", "bottom", BattleOutcome.A, 900);
        counts.Add("top", "bottom", BattleOutcome.B, 100);

        var result = BradleyTerry.Compute(counts).Models.ToDictionary(m => m.Id);

        Assert.True(result["top"].Lower > result["bottom"].Upper);
        Assert.Equal(1, result["top"].RankUb);
        Assert.True(result["bottom"].RankUb >= 2);
        Assert.Equal(1 + result.Values.Count(m => m.Lower > result["bottom"].Upper), result["bottom"].RankUb);
    }

    [Fact]
    public void Compute_Llmfao_IntervalsContainRatingsAndRanksAreConsistent()
    {
        var counts = new PairwiseCounts();
        using var reader = new StreamReader(Path.Combine(AppContext.BaseDirectory, "Ratings", "Conformance", "llmfao.csv"));
        _ = reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            var fields = line.Split(',');
            counts.Add(fields[^2], fields[^1], fields[^3] switch { "left" => BattleOutcome.A, "right" => BattleOutcome.B, _ => BattleOutcome.Tie });
        }

        var result = BradleyTerry.Compute(counts);

        Assert.Equal(59, result.Models.Length);
        Assert.Equal(1, result.Models[0].RankUb);
        Assert.All(result.Models, m => Assert.InRange(m.Rating, m.Lower, m.Upper));
        Assert.Equal(1500, result.Models.Average(m => m.Rating), 9);
    }

    /// <summary>Five models with fixed win/tie proportions, scaled by <paramref name="factor"/>.</summary>
    private static PairwiseCounts Proportional(int factor)
    {
        var counts = new PairwiseCounts();
        double[] strength = [1.0, 1.5, 2.2, 3.0, 4.5];
        for (var i = 0; i < strength.Length; i++)
        {
            for (var j = i + 1; j < strength.Length; j++)
            {
                var pi = strength[i] / (strength[i] + strength[j]);
                var total = 40 + (7 * (i + j));
                var ties = total / 5;
                var winsI = (int)Math.Round((total - ties) * pi);
                counts.Add($"m{i}", $"m{j}", BattleOutcome.A, factor * winsI);
                counts.Add($"m{i}", $"m{j}", BattleOutcome.B, factor * (total - ties - winsI));
                counts.Add($"m{i}", $"m{j}", BattleOutcome.Tie, factor * ties);
            }
        }

        return counts;
    }
}
