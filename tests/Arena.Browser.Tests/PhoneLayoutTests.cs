using static Microsoft.Playwright.Assertions;

namespace Arena.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class PhoneLayoutTests(BrowserFixture fixture)
{
    [Fact]
    public async Task BattleOnPhone_PanesStackAndNothingScrollsSideways()
    {
        var page = await fixture.NewPageAsync(390, 844, isMobile: true);
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();
        Assert.Equal(0, await page.HorizontalOverflowAsync());
        await page.ScreenshotToTmpAsync("phone-home");

        await page.RunBattleAsync("Give me a short packing list for a weekend hike.");
        await Expect(page.GetByTestId("vote-bothbad")).ToBeEnabledAsync();

        var a = await page.GetByTestId("pane-a").BoundingBoxAsync();
        var b = await page.GetByTestId("pane-b").BoundingBoxAsync();
        Assert.NotNull(a);
        Assert.NotNull(b);
        Assert.True(b.Y >= a.Y + a.Height, $"pane B (y={b.Y}) should sit below pane A (y={a.Y}, h={a.Height})");
        Assert.Equal(0, await page.HorizontalOverflowAsync());
        await page.ScreenshotToTmpAsync("phone-answers");

        await page.GotoAsync("leaderboard");
        await page.WaitForInteractiveAsync();
        Assert.Equal(0, await page.HorizontalOverflowAsync());
        await page.ScreenshotToTmpAsync("phone-leaderboard");
    }
}
