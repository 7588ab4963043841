extern alias ArenaWeb;

using ArenaWeb::Arena.Web.Components;
using ArenaWeb::Arena.Web.Components.Charts;

namespace Arena.Browser.Tests.Components;

public sealed class ChartsTests
{
    [Fact]
    public void Nice_RatingRange_RoundStepsEnclosingTheData() =>
        Assert.Equal([1300, 1400, 1500, 1600, 1700], Ticks.Nice(1371.2, 1622.9));

    [Fact]
    public void Nice_SingleValue_WidensAroundIt()
    {
        var ticks = Ticks.Nice(1500, 1500);
        Assert.True(ticks[0] < 1500 && ticks[^1] > 1500);
    }

    [Theory]
    [InlineData(0.7, 1)]
    [InlineData(1.3, 2)]
    [InlineData(37, 50)]
    [InlineData(420, 500)]
    [InlineData(0.06, 0.1)]
    public void Step_RoundsUpToOneTwoOrFive(double rough, double expected) => Assert.Equal(expected, Ticks.Step(rough), 10);

    [Fact]
    public void LinearScale_MapsEndsAndMiddle()
    {
        var y = new LinearScale(1400, 1600, 200, 0);
        Assert.Equal(200, y[1400]);
        Assert.Equal(0, y[1600]);
        Assert.Equal(100, y[1500]);
    }

    [Fact]
    public void Diverging_EvenIsNeutralAndEndsAreRedAndGreen()
    {
        Assert.Equal("#3a4050", ColorScale.Diverging(0.5));
        var loss = ColorScale.Diverging(0);
        var win = ColorScale.Diverging(1);
        Assert.True(Convert.ToInt32(loss[1..3], 16) > Convert.ToInt32(loss[3..5], 16), loss);
        Assert.True(Convert.ToInt32(win[3..5], 16) > Convert.ToInt32(win[1..3], 16), win);
    }

    [Fact]
    public void InkOn_DarkFillGetsLightInkAndLightFillDark()
    {
        Assert.Equal("#f3f5f9", ColorScale.InkOn("#1e2434"));
        Assert.Equal("#0b0d12", ColorScale.InkOn("#e0e8ff"));
    }

    [Fact]
    public void Interval_ShowsDistancesAboveAndBelow() =>
        Assert.Equal("+31.2 / \u221228.7", Format.Interval(1500, 1471.3, 1531.2));
}
