using Arena.Battles;
using Arena.Ratings;

namespace Arena.Grains.Tests.Ratings;

public sealed class EloTests
{
    private static readonly EloOptions Defaults = new();

    [Fact]
    public void Update_EqualRatingsWinWithK32_Moves16EachWay()
    {
        var (a, b) = Elo.Update(1500, 1500, Elo.ScoreOfA(BattleOutcome.A, Defaults), Defaults);

        Assert.Equal(1516, a, 12);
        Assert.Equal(1484, b, 12);
    }

    [Theory]
    [InlineData(BattleOutcome.Tie)]
    [InlineData(BattleOutcome.BothBad)]
    public void Update_EqualRatingsDraw_NoChange(BattleOutcome outcome)
    {
        var (a, b) = Elo.Update(1500, 1500, Elo.ScoreOfA(outcome, Defaults), Defaults);

        Assert.Equal(1500, a, 12);
        Assert.Equal(1500, b, 12);
    }

    [Fact]
    public void Update_UnderdogWins_GainsMoreThanFavouriteWould()
    {
        var (underdog, favourite) = Elo.Update(1400, 1600, 1.0, Defaults);
        var (favouriteWins, _) = Elo.Update(1600, 1400, 1.0, Defaults);

        Assert.True(underdog - 1400 > favouriteWins - 1600);
        Assert.Equal(0, (underdog - 1400) + (favourite - 1600), 9);
    }

    [Fact]
    public void Expected_400PointsApart_TenToOne()
    {
        Assert.Equal(10.0 / 11.0, Elo.Expected(1900, 1500, Defaults), 12);
    }

    [Fact]
    public void ScoreOfA_ConfiguredDrawScores_Used()
    {
        var options = new EloOptions { TieScore = 0.5, BothBadScore = 0.25 };

        Assert.Equal(0.25, Elo.ScoreOfA(BattleOutcome.BothBad, options));
        Assert.Equal(0.5, Elo.ScoreOfA(BattleOutcome.Tie, options));
        Assert.Equal(1.0, Elo.ScoreOfA(BattleOutcome.A, options));
        Assert.Equal(0.0, Elo.ScoreOfA(BattleOutcome.B, options));
    }
}
