using static Microsoft.Playwright.Assertions;

namespace Arena.Browser.Tests;

[Collection(ProductCollection.Name)]
public sealed class CompareTests(ProductFixture fixture)
{
    [Theory]
    [InlineData("desktop", 1280, 800, false)]
    [InlineData("phone", 360, 740, true)]
    public async Task NamedComparison_ShowsModelsFromTheStartAndIsNeverRated(string name, int width, int height, bool phone)
    {
        var page = await fixture.NewPageAsync(width, height, phone);
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("nav-compare").ClickAsync();
        await Expect(page.GetByTestId("not-rated")).ToHaveTextAsync("never rated");
        var before = await page.LeaderboardAsync();

        await page.GetByTestId("model-a").SelectOptionAsync("sim-mistral-7b");
        await page.GetByTestId("model-b").SelectOptionAsync("sim-gpt-4o");
        await page.RunBattleAsync("Explain recursion to a ten-year-old.");

        await Expect(page.GetByTestId("pane-model-a")).ToHaveTextAsync("sim-mistral-7b");
        await Expect(page.GetByTestId("pane-model-b")).ToHaveTextAsync("sim-gpt-4o");
        await Expect(page.GetByTestId("named-banner")).ToContainTextAsync("never rated");
        await Expect(page.GetByTestId("battle")).ToHaveAttributeAsync("data-mode", "named");
        await page.GetByTestId("share").ClickAsync(); // a named comparison may be shared once finished, before any vote
        await Expect(page.GetByTestId("share-link")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("/b/[0-9a-f-]{36}$"));
        await page.AssertNoHorizontalOverflowAsync();
        await page.ScreenshotToTmpAsync($"{name}-compare");

        await page.GetByTestId("vote-a").ClickAsync();

        await Expect(page.GetByTestId("reveal-excluded")).ToContainTextAsync("not rated");
        await Expect(page.GetByTestId("reveal-delta-a")).ToHaveTextAsync("±0.0");
        var after = await page.LeaderboardAsync();
        Assert.Equal(before.TotalVotes, after.TotalVotes);
    }

    [Fact]
    public async Task Compare_SameModelTwice_IsRefusedWithAReason()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("compare");
        await page.WaitForInteractiveAsync();

        await page.GetByTestId("model-a").SelectOptionAsync("sim-gpt-4o");
        await page.GetByTestId("model-b").SelectOptionAsync("sim-gpt-4o");
        await page.GetByTestId("prompt").FillAsync("Hello?");
        await page.GetByTestId("prompt").PressAsync("Enter");

        await Expect(page.GetByTestId("prompt-error")).ToHaveTextAsync("Choose two different models.");
        await Expect(page.GetByTestId("battle")).ToHaveCountAsync(0);
    }
}
