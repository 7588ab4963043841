using static Microsoft.Playwright.Assertions;

namespace Arena.Browser.Tests;

[Collection(ProductCollection.Name)]
public sealed class StatisticsPageTests(ProductFixture fixture)
{
    [Theory]
    [InlineData("desktop", 1280, 800, false)]
    [InlineData("phone", 360, 740, true)]
    public async Task StatsPage_AfterVotes_DrawsChartsWithData(string name, int width, int height, bool phone)
    {
        var page = await fixture.NewPageAsync(width, height, phone);
        await page.SignInAsOperatorAsync("/");
        await page.CastVotesAsync(4);
        var board = await page.LeaderboardAsync();

        await page.GetByTestId("nav-stats").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/stats$"));
        await Expect(page.GetByTestId("stats-votes")).ToHaveTextAsync(board.TotalVotes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        var winBars = page.GetByTestId("winrate-bars").GetByTestId("bar");
        await Expect(winBars).ToHaveCountAsync(board.Models.Count);
        foreach (var row in board.Models)
        {
            var value = await page.GetByTestId("winrate-bars").Locator($"[data-testid='bar'][data-label='{row.Model}']").GetAttributeAsync("data-value");
            var rate = double.Parse(value!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(rate, 0, 1);
        }

        await Expect(page.GetByTestId("rating-lines").GetByTestId("line-series")).ToHaveCountAsync(Math.Min(8, board.Models.Count));
        Assert.True(await page.GetByTestId("rating-lines").Locator("polyline").CountAsync() >= 2);
        Assert.True(await page.GetByTestId("ttft-bars").GetByTestId("bar").CountAsync() >= 2, "no time-to-first-token bars");
        Assert.True(await page.GetByTestId("tps-bars").GetByTestId("bar").CountAsync() >= 2, "no tokens-per-second bars");
        // Engagement comes from GET /api/stats' counters: this test alone started 4 battles today, all voted.
        var started = long.Parse((await page.GetByTestId("engagement-started").InnerTextAsync()).Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(started >= 4, $"only {started} battles started");
        var today = page.GetByTestId("battles-per-day").GetByTestId("bar").Last;
        Assert.True(double.Parse((await today.GetAttributeAsync("data-value"))!, System.Globalization.CultureInfo.InvariantCulture) >= 4);
        Assert.True(await page.GetByTestId("voted-share-per-day").GetByTestId("bar").CountAsync() >= 1);
        Assert.True(await page.GetByTestId("votes-by-category").GetByTestId("bar").CountAsync() >= 1);
        await Expect(page.GetByTestId("winrate-heatmap")).ToBeVisibleAsync();
        // The prompts above went through the router: the arena's bar and at least one category row are drawn.
        var routing = page.GetByTestId("routing-distribution");
        await Expect(routing.Locator("li.bar.arena")).ToHaveCountAsync(1);
        Assert.True(await routing.Locator("tr.arena[data-category]").CountAsync() >= 1, "no routed category rows");
        // The page's layout comes from its component-scoped stylesheet (Arena.Web.styles.css, linked in App.razor).
        Assert.Equal("flex", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.stats-page')).display"));
        await page.AssertNoHorizontalOverflowAsync();
        await page.ScreenshotToTmpAsync($"{name}-stats");
    }

    [Fact]
    public async Task StatsPage_NotSignedIn_ShowsRatingsButNoServingEngagementOrRouting()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();
        await page.CastVotesAsync(1);

        await page.GetByTestId("nav-stats").ClickAsync();

        await Expect(page.GetByTestId("stats-winrates")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("stats-operator-only")).ToBeVisibleAsync();
        foreach (var operational in new[] { "stats-speed", "stats-engagement", "stats-routing", "ttft-bars", "engagement-started" })
        {
            await Expect(page.GetByTestId(operational)).ToHaveCountAsync(0);
        }

        await page.GetByTestId("stats-sign-in").ClickAsync();
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("operator-key").FillAsync(ArenaServer.OperatorKey + "-wrong");
        await page.GetByTestId("operator-sign-in").ClickAsync();
        await Expect(page.GetByTestId("operator-error")).ToBeVisibleAsync();
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("operator-key").FillAsync(ArenaServer.OperatorKey);
        await page.GetByTestId("operator-sign-in").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/stats$"));
        await Expect(page.GetByTestId("stats-speed")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("stats-operator-only")).ToHaveCountAsync(0);
    }
}
