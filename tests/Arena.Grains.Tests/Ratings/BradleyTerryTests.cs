using Arena.Battles;
using Arena.Ratings;

namespace Arena.Grains.Tests.Ratings;

public sealed class BradleyTerryTests
{
    private static readonly BradleyTerryOptions NoBootstrap = new() { BootstrapRounds = 0 };

    [Fact]
    public void Compute_ModelWinsEveryGame_RatesHighest()
    {
        var counts = new PairwiseCounts();
        foreach (var other in new[] { "b", "c", "d" })
        {
            counts.Add("a", other, BattleOutcome.A, 5);
        }

        counts.Add("b", "c", BattleOutcome.A, 6);
        counts.Add("b", "c", BattleOutcome.B, 4);
        counts.Add("c", "d", BattleOutcome.A, 7);
        counts.Add("c", "d", BattleOutcome.Tie, 2);
        counts.Add("b", "d", BattleOutcome.B, 3);
        counts.Add("b", "d", BattleOutcome.A, 5);

        var result = BradleyTerry.Compute(counts, NoBootstrap);

        Assert.Equal("a", result.Models[0].Id);
        Assert.True(result.Models[0].Rating > result.Models[1].Rating + 100);
        Assert.True(result.Regularized); // "a" never lost: the MLE puts it at infinity.
        Assert.True(result.Converged);
        Assert.Equal(1500, result.Models.Average(m => m.Rating), 9);
    }

    [Fact]
    public void Compute_ModelLosesEveryGame_RatesLowestAndFinite()
    {
        var counts = new PairwiseCounts();
        counts.Add("a", "b", BattleOutcome.A, 3);
        counts.Add("a", "b", BattleOutcome.B, 2);
        counts.Add("z", "a", BattleOutcome.B, 4);
        counts.Add("z", "b", BattleOutcome.B, 4);

        var result = BradleyTerry.Compute(counts, NoBootstrap);

        Assert.Equal("z", result.Models[^1].Id);
        Assert.All(result.Models, m => Assert.True(double.IsFinite(m.Rating)));
    }

    [Fact]
    public void Compute_SymmetricData_GivesEqualRatings()
    {
        var counts = new PairwiseCounts();
        string[] models = ["x", "y", "z", "w"];
        for (var i = 0; i < models.Length; i++)
        {
            for (var j = i + 1; j < models.Length; j++)
            {
                counts.Add(models[i], models[j], BattleOutcome.A, 7);
                counts.Add(models[i], models[j], BattleOutcome.B, 7);
                counts.Add(models[i], models[j], BattleOutcome.Tie, 3);
            }
        }

        var result = BradleyTerry.Compute(counts, NoBootstrap);

        Assert.All(result.Models, m => Assert.Equal(1500, m.Rating, 9));
        Assert.All(result.Models, m => Assert.Equal(0.25, m.Strength, 12));
    }

    [Fact]
    public void Add_IncrementallyInBatches_EqualsCountsBuiltAtOnce()
    {
        var random = new Random(5);
        string[] models = ["m0", "m1", "m2", "m3", "m4", "m5"];
        var votes = Enumerable.Range(0, 2_000).Select(_ =>
        {
            var a = random.Next(models.Length);
            var b = (a + 1 + random.Next(models.Length - 1)) % models.Length;
            return (models[a], models[b], (BattleOutcome)random.Next(4));
        }).ToList();

        var atOnce = PairwiseCounts.FromVotes(votes);
        var incremental = new PairwiseCounts();
        var batch = new PairwiseCounts();
        for (var v = 0; v < votes.Count; v++)
        {
            if (v < 700)
            {
                incremental.Add(votes[v].Item1, votes[v].Item2, votes[v].Item3);
            }
            else
            {
                batch.Add(votes[v].Item1, votes[v].Item2, votes[v].Item3);
            }
        }

        incremental.Merge(batch);

        Assert.Equal(atOnce.TotalVotes, incremental.TotalVotes);
        foreach (var a in models)
        {
            foreach (var b in models.Where(b => b != a))
            {
                Assert.Equal(atOnce.Get(a, b), incremental.Get(a, b));
            }
        }

        var fitAtOnce = BradleyTerry.Compute(atOnce, NoBootstrap).Models.ToDictionary(m => m.Id);
        foreach (var m in BradleyTerry.Compute(incremental, NoBootstrap).Models)
        {
            Assert.Equal(fitAtOnce[m.Id].Rating, m.Rating, 9);
            Assert.Equal(fitAtOnce[m.Id].Wins, m.Wins);
            Assert.Equal(fitAtOnce[m.Id].Ties, m.Ties);
        }
    }

    [Fact]
    public void Add_BothBad_CountsAsTie()
    {
        var counts = new PairwiseCounts();
        counts.Add("a", "b", BattleOutcome.BothBad);
        counts.Add("b", "a", BattleOutcome.Tie);
        counts.Add("b", "a", BattleOutcome.A);

        Assert.Equal((0L, 1L, 2L), counts.Get("a", "b"));
        Assert.Equal((1L, 0L, 2L), counts.Get("b", "a"));
        Assert.Throws<ArgumentException>(() => counts.Add("a", "a", BattleOutcome.A));
    }

    [Fact]
    public void Compute_TiesAddedBetweenEqualModels_LeavesThemEqual()
    {
        var counts = new PairwiseCounts();
        counts.Add("a", "c", BattleOutcome.A, 5);
        counts.Add("a", "c", BattleOutcome.B, 3);
        counts.Add("b", "c", BattleOutcome.A, 5);
        counts.Add("b", "c", BattleOutcome.B, 3);
        counts.Add("a", "b", BattleOutcome.A, 4);
        counts.Add("a", "b", BattleOutcome.B, 4);
        var before = BradleyTerry.Compute(counts, NoBootstrap).Models.ToDictionary(m => m.Id);

        counts.Add("a", "b", BattleOutcome.Tie, 50);
        var after = BradleyTerry.Compute(counts, NoBootstrap).Models.ToDictionary(m => m.Id);

        Assert.Equal(before["a"].Rating, before["b"].Rating, 9);
        Assert.Equal(after["a"].Rating, after["b"].Rating, 9);
        Assert.Equal(before["c"].Rating, after["c"].Rating, 9);
    }

    [Fact]
    public void Compute_AnchorModel_SitsAtAnchorRating()
    {
        var counts = new PairwiseCounts();
        counts.Add("a", "b", BattleOutcome.A, 30);
        counts.Add("a", "b", BattleOutcome.B, 10);
        var options = NoBootstrap with { AnchorModel = "b", AnchorRating = 1000 };

        var result = BradleyTerry.Compute(counts, options).Models.ToDictionary(m => m.Id);

        Assert.Equal(1000, result["b"].Rating, 9);
        Assert.Equal(1000 + (400 * Math.Log10(3)), result["a"].Rating, 9);
    }

    [Fact]
    public void Compute_DisconnectedGroups_EachGroupCentredOnTheMean()
    {
        var counts = new PairwiseCounts();
        counts.Add("a", "b", BattleOutcome.A, 30);
        counts.Add("a", "b", BattleOutcome.B, 10);
        counts.Add("c", "d", BattleOutcome.A, 10);
        counts.Add("c", "d", BattleOutcome.B, 10);
        counts.GetOrAddModel("lonely");

        var result = BradleyTerry.Compute(counts, NoBootstrap);
        var byId = result.Models.ToDictionary(m => m.Id);

        Assert.Equal(3, result.Components);
        Assert.False(result.Regularized);
        Assert.Equal(1500, (byId["a"].Rating + byId["b"].Rating) / 2, 9);
        Assert.Equal(1500, byId["c"].Rating, 9);
        Assert.Equal(1500, byId["lonely"].Rating, 9);
        Assert.Equal(400 * Math.Log10(3), byId["a"].Rating - byId["b"].Rating, 9);
    }

    [Fact]
    public void Compute_FewVotes_FlagsProvisional()
    {
        var counts = new PairwiseCounts();
        counts.Add("a", "b", BattleOutcome.A, 20);
        counts.Add("a", "b", BattleOutcome.B, 20);
        counts.Add("a", "new", BattleOutcome.A, 3);
        counts.Add("a", "new", BattleOutcome.B, 2);

        var result = BradleyTerry.Compute(counts, NoBootstrap).Models.ToDictionary(m => m.Id);

        Assert.False(result["a"].Provisional);
        Assert.False(result["b"].Provisional);
        Assert.True(result["new"].Provisional);
        Assert.Equal(5, result["new"].Votes);
        Assert.Equal((23L, 22L, 0L), (result["a"].Wins, result["a"].Losses, result["a"].Ties));
    }

    [Fact]
    public void Compute_NoVotes_ReturnsEmptyBoard()
    {
        var result = BradleyTerry.Compute(new PairwiseCounts());

        Assert.Empty(result.Models);
        Assert.Equal(0, result.TotalVotes);
    }
}
