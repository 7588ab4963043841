using static Microsoft.Playwright.Assertions;

namespace Arena.Browser.Tests;

[Collection(ProductCollection.Name)]
public sealed class LeaderboardDialogTests(ProductFixture fixture)
{
    [Theory]
    [InlineData("desktop", 1280, 800, false)]
    [InlineData("phone", 360, 740, true)]
    public async Task Dialog_OpensWithFocusInsideKeepsTabInsideAndEscCloses(string name, int width, int height, bool phone)
    {
        var page = await fixture.NewPageAsync(width, height, phone);
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();
        await page.CastVotesAsync(3);
        var dialog = page.GetByTestId("leaderboard-dialog");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(dialog.GetByTestId("leaderboard-row")).ToHaveCountAsync(0); // nothing loaded until it opens

        await page.GetByTestId("leaderboard-open").ClickAsync();

        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.GetByTestId("leaderboard-row").Nth(1)).ToBeVisibleAsync();
        await Expect(dialog.GetByTestId("leaderboard-rating").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d{3,4}\.\d$"));
        await Expect(dialog.GetByTestId("leaderboard-winrate").First).ToContainTextAsync("%");
        Assert.True(await FocusInDialogAsync(page), "focus did not move into the dialog");
        for (var i = 0; i < 25; i++)
        {
            await page.Keyboard.PressAsync(i % 5 == 4 ? "Shift+Tab" : "Tab");
            Assert.True(await FocusInDialogAsync(page), $"Tab #{i + 1} moved focus out of the dialog");
        }

        await page.AssertNoHorizontalOverflowAsync();
        await page.ScreenshotAsync(new() { Path = $"/tmp/arena-{name}-leaderboard-dialog.png" });

        await page.Keyboard.PressAsync("Escape");

        await Expect(dialog).ToBeHiddenAsync();
        Assert.Equal("leaderboard-open", await page.EvaluateAsync<string?>("() => document.activeElement?.dataset.testid"));
    }

    [Fact]
    public async Task Dialog_CategorySwitch_ShowsThatCategoryAndCloseButtonCloses()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();
        await page.CastVotesAsync(2);
        var board = await page.LeaderboardAsync();
        Assert.NotEmpty(board.Categories);
        var category = board.Categories[0];
        var inCategory = await page.LeaderboardAsync(category);

        await page.GetByTestId("leaderboard-open").ClickAsync();
        var dialog = page.GetByTestId("leaderboard-dialog");
        await dialog.Locator($"[data-testid='category-link'][data-category='{category}']").ClickAsync();

        await Expect(dialog.Locator($"[data-testid='category-link'][data-category='{category}']")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(dialog.GetByTestId("dialog-total-votes")).ToHaveTextAsync($"{inCategory.TotalVotes:N0} {(inCategory.TotalVotes == 1 ? "vote" : "votes")}");
        await Expect(dialog.GetByTestId("leaderboard-row")).ToHaveCountAsync(inCategory.Models.Count);

        await dialog.GetByTestId("leaderboard-close").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
    }

    private static Task<bool> FocusInDialogAsync(Microsoft.Playwright.IPage page) =>
        page.EvaluateAsync<bool>("() => !!document.activeElement?.closest('dialog[open]')");
}
