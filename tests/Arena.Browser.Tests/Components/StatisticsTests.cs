extern alias ArenaWeb;

using Arena.Ratings;
using ArenaWeb::Arena.Web.Components.Statistics;
using ArenaWeb::Arena.Web.Models;

namespace Arena.Browser.Tests.Components;

public sealed class StatisticsTests
{
    [Fact]
    public void WinRates_Of_WeighsEachOpponentByBattlesAndSkipsModelsThatNeverPlayed()
    {
        // x beat y in 3 of 4 battles and lost both battles against z; w never played.
        var matrix = new PairMatrix(
            "overall",
            ["x", "y", "z", "w"],
            [[0, 4, 2, 0], [4, 0, 0, 0], [2, 0, 0, 0], [0, 0, 0, 0]],
            [[null, 0.75, 0.0, null], [0.25, null, null, null], [1.0, null, null, null], [null, null, null, null]],
            [[0, 3, 0, 0], [1, 0, 0, 0], [2, 0, 0, 0], [0, 0, 0, 0]],
            [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]);

        var rows = WinRates.Of(matrix);

        Assert.Equal(["z", "x", "y"], rows.Select(r => r.Model));
        var x = rows.Single(r => r.Model == "x");
        Assert.Equal(3.0 / 6, x.Rate, 10);
        Assert.Equal(6, x.Battles);
    }

    [Fact]
    public void VoteOutcomes_From_CountsEachVoteOnceAcrossBothModelsHistories()
    {
        var day = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
        IReadOnlyList<RatingHistory.Point> a =
        [
            new(1, day, 1516, 16, "b", "win"),
            new(2, day, 1500, 0, "b", "tie"),
        ];
        IReadOnlyList<RatingHistory.Point> b =
        [
            new(1, day, 1484, -16, "a", "loss"),
            new(2, day, 1500, 0, "a", "tie"),
            new(3, day, 1510, 10, "c", "win"),
        ];

        var outcomes = VoteOutcomes.From([a, b]);

        Assert.Equal(new VoteOutcomes(3, 2, 1), outcomes);
    }

    [Fact]
    public void VoteOutcomes_From_NoVotes_IsEmpty() => Assert.Equal(new VoteOutcomes(0, 0, 0), VoteOutcomes.From([]));
}
