using static Microsoft.Playwright.Assertions;

namespace Arena.Browser.Tests;

[Collection(ProductCollection.Name)]
public sealed class NarrowScreenTests(ProductFixture fixture)
{
    [Theory]
    [InlineData("/")]
    [InlineData("leaderboard")]
    [InlineData("stats")]
    [InlineData("models/sim-mistral-7b")]
    [InlineData("operator")]
    public async Task Page_At360Pixels_DoesNotScrollSideways(string path)
    {
        var page = await fixture.NewPageAsync(360, 740, isMobile: true);
        // As the operator, so that the statistics and model pages are at their widest.
        await page.SignInAsOperatorAsync("/");
        await page.CastVotesAsync(2);

        await page.GotoAsync(path);
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("theme-toggle")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("leaderboard-open")).ToBeVisibleAsync();

        await page.AssertNoHorizontalOverflowAsync();
    }
}
