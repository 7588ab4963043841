extern alias ArenaWeb;

using ArenaWeb::Arena.Web.Components.Leaderboard;
using Arena.Ratings;

namespace Arena.Browser.Tests.Components;

public sealed class LeaderboardSortTests
{
    // Elo order, as the grain returns it; "d" has no Bradley–Terry fit yet.
    private static readonly ModelStanding[] Models =
    [
        new("a", 1560, Votes: 10, Wins: 7, Losses: 3, Ties: 0, new BradleyTerryStanding(1580, 1540, 1620, RankUb: 1, Provisional: false)),
        new("b", 1520, Votes: 30, Wins: 15, Losses: 15, Ties: 0, new BradleyTerryStanding(1600, 1590, 1610, RankUb: 1, Provisional: false)),
        new("c", 1480, Votes: 10, Wins: 2, Losses: 8, Ties: 0, new BradleyTerryStanding(1400, 1380, 1420, RankUb: 3, Provisional: false)),
        new("d", 1440, Votes: 2, Wins: 0, Losses: 2, Ties: 0),
    ];

    [Fact]
    public void Apply_Default_RanksByRankUbThenBradleyTerryWithUnfittedLast() =>
        Assert.Equal(["b", "a", "c", "d"], Names(LeaderboardSort.Default));

    [Fact]
    public void Apply_VotesDescending_KeepsEloOrderAmongEqualCounts() =>
        Assert.Equal(["b", "a", "c", "d"], Names(new LeaderboardSort(LeaderboardColumn.Votes, Descending: true)));

    [Fact]
    public void Apply_VotesAscending_KeepsEloOrderAmongEqualCounts() =>
        Assert.Equal(["d", "a", "c", "b"], Names(new LeaderboardSort(LeaderboardColumn.Votes, Descending: false)));

    [Fact]
    public void Apply_BradleyTerryAscending_StillPutsUnfittedLast() =>
        Assert.Equal(["c", "a", "b", "d"], Names(new LeaderboardSort(LeaderboardColumn.BradleyTerry, Descending: false)));

    [Fact]
    public void Apply_WinRateDescending_OrdersByWinsOverVotes() =>
        Assert.Equal(["a", "b", "c", "d"], Names(new LeaderboardSort(LeaderboardColumn.WinRate, Descending: true)));

    [Fact]
    public void WinRate_TiesCountHalf_AsThePairMatrixAndTheStatsApiCountThem()
    {
        // 4 wins and 4 ties in 10 is 0.6; 5 wins and no ties is 0.5. Counting wins alone would order them the other way.
        var tying = new ModelStanding("e", 1500, Votes: 10, Wins: 4, Losses: 2, Ties: 4);
        var winning = new ModelStanding("f", 1500, Votes: 10, Wins: 5, Losses: 5, Ties: 0);
        Assert.Equal(0.6, LeaderboardSort.WinRate(tying), 12);
        Assert.Equal(["e", "f"], new LeaderboardSort(LeaderboardColumn.WinRate, Descending: true).Apply([winning, tying]).Select(m => m.Model));
    }

    [Fact]
    public void Toggle_SameColumn_FlipsDirection() =>
        Assert.Equal(new LeaderboardSort(LeaderboardColumn.Votes, Descending: false), new LeaderboardSort(LeaderboardColumn.Votes, true).Toggle(LeaderboardColumn.Votes));

    [Theory]
    [InlineData(LeaderboardColumn.Elo, true)]
    [InlineData(LeaderboardColumn.Votes, true)]
    [InlineData(LeaderboardColumn.Model, false)]
    [InlineData(LeaderboardColumn.Rank, false)]
    public void Toggle_OtherColumn_StartsInItsNaturalDirection(LeaderboardColumn column, bool descending) =>
        Assert.Equal(descending, new LeaderboardSort(LeaderboardColumn.WinRate, false).Toggle(column).Descending);

    private static string[] Names(LeaderboardSort sort) => sort.Apply(Models).Select(m => m.Model).ToArray();
}
