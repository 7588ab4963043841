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
            [[null, 0.75, 0.0, null], [0.25, null, null, null], [1.0, null, null, null], [null, null, null, null]]);

        var rows = WinRates.Of(matrix);

        Assert.Equal(["z", "x", "y"], rows.Select(r => r.Model));
        var x = rows.Single(r => r.Model == "x");
        Assert.Equal(3.0 / 6, x.Rate, 10);
        Assert.Equal(6, x.Battles);
    }

    [Fact]
    public void Engagement_From_CountsEachVoteOnceAndFillsEmptyDays()
    {
        var day1 = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
        var day3 = day1.AddDays(2);
        IReadOnlyList<RatingHistory.Point> a =
        [
            new(1, day1, 1516, 16, "b", "win"),
            new(2, day3, 1500, 0, "b", "tie"),
        ];
        IReadOnlyList<RatingHistory.Point> b =
        [
            new(1, day1, 1484, -16, "a", "loss"),
            new(2, day3, 1500, 0, "a", "tie"),
            new(3, day3, 1510, 10, "c", "win"),
        ];

        var engagement = Engagement.From([a, b], days: 3);

        Assert.Equal(3, engagement.Votes);
        Assert.Equal(1, engagement.Ties);
        Assert.Equal(2, engagement.Decisive);
        Assert.Equal([1, 0, 2], engagement.PerDay.Select(d => d.Votes));
        Assert.Equal(new DateOnly(2026, 3, 3), engagement.PerDay[^1].Date);
    }

    [Fact]
    public void Engagement_From_NoVotes_IsEmpty()
    {
        var engagement = Engagement.From([]);

        Assert.Equal(0, engagement.Votes);
        Assert.Empty(engagement.PerDay);
    }
}
