extern alias ArenaWeb;

using ArenaWeb::Arena.Web.Components;

namespace Arena.Browser.Tests.Components;

public sealed class FormatTests
{
    [Theory]
    [InlineData(12.34, "+12.3")]
    [InlineData(-12.34, "\u221212.3")]
    [InlineData(0.04, "±0.0")]
    [InlineData(-0.04, "±0.0")]
    public void Delta_SignedOneDecimal(double delta, string expected) => Assert.Equal(expected, Format.Delta(delta));

    [Theory]
    [InlineData(12.3, "delta-up")]
    [InlineData(-12.3, "delta-down")]
    [InlineData(0.01, "delta-flat")]
    public void DeltaClass_FollowsTheShownSign(double delta, string expected) => Assert.Equal(expected, Format.DeltaClass(delta));

    [Fact]
    public void Rating_OneDecimal() => Assert.Equal("1516.0", Format.Rating(1516));

    [Fact]
    public void Percent_NoVotes_IsDash() => Assert.Equal("—", Format.Percent(0, 0));

    [Fact]
    public void Percent_OneDecimal() => Assert.Equal("33.3%", Format.Percent(1, 3));
}
