using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Arena.Browser.Tests;

[Collection(LeaderboardCollection.Name)]
public sealed partial class LeaderboardViewTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Leaderboard_AfterVotes_ShowsRankEloAndIntervalForEveryModel()
    {
        var (page, board) = await OpenAfterVotesAsync();

        var rows = page.GetByTestId("leaderboard-row");
        await Expect(rows).ToHaveCountAsync(board.Models.Count);
        foreach (var model in board.Models)
        {
            var row = page.Locator($"[data-testid='leaderboard-row'][data-model='{model.Model}']");
            await Expect(row.GetByTestId("leaderboard-rank")).ToHaveTextAsync(new Regex(@"^\s*\d+\s*$"));
            await Expect(row.GetByTestId("leaderboard-rating")).ToHaveTextAsync(model.Rating.ToString("F1", CultureInfo.InvariantCulture));
            await Expect(row.GetByTestId("leaderboard-bt-rating")).ToHaveTextAsync(model.Bt!.Value.ToString("F1", CultureInfo.InvariantCulture));
            await Expect(row.GetByTestId("leaderboard-bt-interval")).ToHaveTextAsync(IntervalPattern());
            await Expect(row.GetByTestId("leaderboard-votes")).ToHaveTextAsync(model.Votes.ToString(CultureInfo.InvariantCulture));
        }

        // Every model here has far fewer than the 30 votes a settled rating needs.
        await Expect(page.GetByTestId("provisional")).ToHaveCountAsync(board.Models.Count);
        await page.ScreenshotToTmpAsync("desktop-leaderboard-bt");
    }

    [Fact]
    public async Task Leaderboard_ClickVotesHeading_OrdersRowsByVotesBothWays()
    {
        var (page, board) = await OpenAfterVotesAsync();
        var votesHeading = page.Locator("th").Filter(new() { Has = page.GetByTestId("sort-votes") });
        await Expect(votesHeading).ToHaveAttributeAsync("aria-sort", "none");

        await page.GetByTestId("sort-votes").ClickAsync();

        await Expect(votesHeading).ToHaveAttributeAsync("aria-sort", "descending");
        var descending = board.Models.OrderByDescending(m => m.Votes).Select(m => m.Model).ToArray();
        await Expect(page.GetByTestId("leaderboard-model")).ToHaveTextAsync(descending);

        await page.GetByTestId("sort-votes").ClickAsync();

        await Expect(votesHeading).ToHaveAttributeAsync("aria-sort", "ascending");
        var ascending = board.Models.OrderBy(m => m.Votes).Select(m => m.Model).ToArray();
        await Expect(page.GetByTestId("leaderboard-model")).ToHaveTextAsync(ascending);
    }

    [Fact]
    public async Task Leaderboard_EnterOnEloHeading_SortsByEloFromTheKeyboard()
    {
        var (page, board) = await OpenAfterVotesAsync();

        await page.GetByTestId("sort-votes").ClickAsync();
        await page.GetByTestId("sort-elo").FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        var eloHeading = page.Locator("th").Filter(new() { Has = page.GetByTestId("sort-elo") });
        await Expect(eloHeading).ToHaveAttributeAsync("aria-sort", "descending");
        await Expect(page.GetByTestId("leaderboard-model")).ToHaveTextAsync(board.Models.OrderByDescending(m => m.Rating).Select(m => m.Model).ToArray());
    }

    [Fact]
    public async Task Leaderboard_CategorySwitch_ShowsTheCategoryView()
    {
        var (page, board) = await OpenAfterVotesAsync();
        var category = Assert.Single(board.Categories); // battles started in the UI and the API are "general"
        var categoryBoard = await page.LeaderboardAsync(category);

        await page.Locator($"[data-testid='category-link'][data-category='{category}']").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/leaderboard\?category=" + category + "$"));
        await Expect(page.GetByTestId("category-view")).ToHaveAttributeAsync("data-category", category);
        await Expect(page.Locator($"[data-testid='category-link'][data-category='{category}']")).ToHaveAttributeAsync("aria-current", "page");
        await Expect(page.GetByTestId("leaderboard-row")).ToHaveCountAsync(categoryBoard.Models.Count);

        await page.Locator("[data-testid='category-link'][data-category='overall']").ClickAsync();

        await Expect(page.GetByTestId("category-view")).ToHaveAttributeAsync("data-category", "overall");
    }

    [Fact]
    public async Task Leaderboard_UnknownCategory_SaysSo()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("leaderboard?category=no-such-category");
        await page.WaitForInteractiveAsync();

        await Expect(page.GetByTestId("leaderboard-error")).ToContainTextAsync("no-such-category");
        await Expect(page.GetByTestId("leaderboard-row")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Leaderboard_Charts_DrawOneRowPerModelAndOneCellPerPair()
    {
        var (page, board) = await OpenAfterVotesAsync();
        var matrix = await page.MatrixAsync();
        var n = board.Models.Count;
        Assert.Equal(n, matrix.Models.Count);

        var plot = page.GetByTestId("interval-plot");
        await Expect(plot).ToHaveAttributeAsync("role", "img");
        await Expect(plot.GetByTestId("interval-row")).ToHaveCountAsync(n);
        var plotted = await plot.GetByTestId("interval-row").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.model)");
        // Highest Bradley–Terry rating first; models with equal ratings may come in either order.
        Assert.Equal(board.Models.Select(m => m.Model).Order(), plotted.Order());
        var bt = board.Models.ToDictionary(m => m.Model, m => m.Bt ?? double.NegativeInfinity);
        Assert.All(plotted.Zip(plotted.Skip(1)), pair => Assert.True(bt[pair.First] >= bt[pair.Second] - 1e-9, $"{pair.First} is plotted above {pair.Second}"));
        await page.ScreenshotToTmpAsync("desktop-leaderboard-intervals");

        await page.GetByTestId("chart-tab-winrates").ClickAsync();
        var winRates = page.GetByTestId("winrate-heatmap");
        await Expect(winRates.GetByTestId("heatmap-row")).ToHaveCountAsync(n);
        await Expect(winRates.GetByTestId("heatmap-col")).ToHaveCountAsync(n);
        await Expect(winRates.GetByTestId("heatmap-cell")).ToHaveCountAsync(n * n);
        var met = matrix.WinRates.SelectMany(r => r).Count(r => r is not null);
        await Expect(winRates.Locator(".cell-text")).ToHaveCountAsync(met);
        await page.ScreenshotToTmpAsync("desktop-leaderboard-winrates");

        await page.GetByTestId("chart-tab-winrates").PressAsync("ArrowRight");
        await Expect(page.GetByTestId("chart-tab-battles")).ToBeFocusedAsync();
        var battles = page.GetByTestId("battles-heatmap");
        await Expect(battles.GetByTestId("heatmap-cell")).ToHaveCountAsync(n * n);
        await Expect(battles.Locator(".cell-text")).ToHaveCountAsync(matrix.Battles.SelectMany(r => r).Count(b => b > 0));
        var total = (await battles.Locator(".cell-text").AllTextContentsAsync()).Sum(t => long.Parse(t, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
        Assert.Equal(2 * board.TotalVotes, total); // each battle appears twice, once from each side
        await page.ScreenshotToTmpAsync("desktop-leaderboard-battles");
    }

    [Fact]
    public async Task ModelPage_FromLeaderboardLink_ShowsOneHistoryPointPerCountedVote()
    {
        var (page, board) = await OpenAfterVotesAsync();
        // Serving figures are the operator's: sign in, and come back to the leaderboard.
        await page.SignInAsOperatorAsync("/leaderboard");
        var model = board.Models.OrderByDescending(m => m.Votes).ThenBy(m => m.Model, StringComparer.Ordinal).First();
        var matrix = await page.MatrixAsync();
        var row = matrix.Models.ToList().IndexOf(model.Model);
        var opponents = Enumerable.Range(0, matrix.Models.Count).Count(j => j != row && matrix.WinRates[row][j] is not null);

        await page.Locator($"[data-testid='leaderboard-row'][data-model='{model.Model}'] a.model-link").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/models/" + Regex.Escape(model.Model) + "$"));
        await Expect(page.GetByTestId("model-id")).ToHaveTextAsync(model.Model);
        await Expect(page.GetByTestId("model-elo")).ToHaveTextAsync(model.Rating.ToString("F1", CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("model-bt-interval")).ToContainTextAsync(IntervalPattern());
        var chart = page.GetByTestId("history-chart");
        await Expect(chart).ToHaveAttributeAsync("role", "img");
        await Expect(chart.GetByTestId("history-point")).ToHaveCountAsync(model.Votes);
        await Expect(page.GetByTestId("h2h-row")).ToHaveCountAsync(opponents);
        await Expect(page.GetByTestId("model-state")).ToHaveTextAsync(new Regex("^(healthy|degraded|unavailable)$"));
        await Expect(page.GetByTestId("stat-requests")).ToHaveTextAsync(new Regex(@"^[1-9][\d,]*$"));
        await page.ScreenshotToTmpAsync("desktop-model");
    }

    [Fact]
    public async Task ModelPage_UnknownModel_SaysNotFound()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("models/no-such-model");
        await page.WaitForInteractiveAsync();

        await Expect(page.GetByTestId("model-not-found")).ToContainTextAsync("no-such-model");
        await Expect(page.GetByTestId("history-chart")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task LeaderboardAndModelOnPhone_NothingScrollsSideways()
    {
        var (page, board) = await OpenAfterVotesAsync(390, 844, isMobile: true);
        Assert.Equal(0, await page.HorizontalOverflowAsync());
        await page.ScreenshotToTmpAsync("phone-leaderboard-bt");

        await page.GetByTestId("chart-tab-winrates").ClickAsync();
        await Expect(page.GetByTestId("winrate-heatmap")).ToBeVisibleAsync();
        Assert.Equal(0, await page.HorizontalOverflowAsync());
        await page.ScreenshotToTmpAsync("phone-leaderboard-winrates");

        await page.GotoAsync("models/" + board.Models[0].Model);
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("history-chart")).ToBeVisibleAsync();
        Assert.Equal(0, await page.HorizontalOverflowAsync());
        await page.ScreenshotToTmpAsync("phone-model");
    }

    /// <summary>
    /// Casts a few votes as a fresh session, then opens the leaderboard and waits until it shows Bradley–Terry
    /// computed from every vote so far; returns the page and the API's view of the same board.
    /// </summary>
    private async Task<(IPage Page, ArenaApi.Board Board)> OpenAfterVotesAsync(int width = 1280, int height = 800, bool isMobile = false)
    {
        var page = await fixture.NewPageAsync(width, height, isMobile);
        await page.GotoAsync("/");
        await page.CastVotesAsync(5);
        var votes = (await page.LeaderboardAsync()).TotalVotes;

        await page.GotoAsync("leaderboard");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("computed")).ToContainTextAsync($"from {votes.ToString("N0", CultureInfo.InvariantCulture)} votes");
        var board = await page.LeaderboardAsync();
        Assert.Equal(votes, board.ComputedFromVotes);
        Assert.All(board.Models, m => Assert.NotNull(m.Bt));
        return (page, board);
    }

    [GeneratedRegex(@"\+\d+\.\d / \u2212\d+\.\d")]
    private static partial Regex IntervalPattern();
}
