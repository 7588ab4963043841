using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Arena.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed partial class BattleJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Battle_VoteForA_RevealsModelsAndCountsOneVoteEachOnLeaderboard()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();
        await page.ScreenshotToTmpAsync("desktop-home");

        await page.RunBattleAsync("Explain what a hash map is, in two short paragraphs.");
        await Expect(page.GetByTestId("turn-prompt")).ToHaveTextAsync("Explain what a hash map is, in two short paragraphs.");
        await Expect(page.GetByTestId("prompt")).ToHaveValueAsync("");
        await Expect(page.GetByTestId("vote-a")).ToBeEnabledAsync();
        await Expect(page.GetByTestId("reveal")).ToHaveCountAsync(0);
        var beforeVote = await page.ContentAsync();
        await page.ScreenshotToTmpAsync("desktop-answers");

        await page.GetByTestId("vote-a").ClickAsync();

        await Expect(page.GetByTestId("reveal")).ToBeVisibleAsync();
        var modelA = (await page.GetByTestId("reveal-model-a").InnerTextAsync()).Trim();
        var modelB = (await page.GetByTestId("reveal-model-b").InnerTextAsync()).Trim();
        Assert.NotEqual("", modelA);
        Assert.NotEqual("", modelB);
        Assert.NotEqual(modelA, modelB);
        Assert.DoesNotContain(modelA, beforeVote, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(modelB, beforeVote, StringComparison.OrdinalIgnoreCase);
        await Expect(page.GetByTestId("reveal-rating-a")).ToHaveTextAsync(RatingPattern());
        await Expect(page.GetByTestId("reveal-rating-b")).ToHaveTextAsync(RatingPattern());
        await Expect(page.GetByTestId("reveal-delta-a")).ToHaveTextAsync(new Regex(@"^\+\d+\.\d$"));
        await Expect(page.GetByTestId("reveal-delta-b")).ToHaveTextAsync(new Regex(@"^\u2212\d+\.\d$"));
        await Expect(page.GetByTestId("vote-a")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("new-round")).ToBeVisibleAsync();
        await page.ScreenshotToTmpAsync("desktop-reveal");

        await page.GotoAsync("leaderboard");
        await page.WaitForInteractiveAsync();
        foreach (var model in new[] { modelA, modelB })
        {
            var row = page.Locator($"[data-testid='leaderboard-row'][data-model='{model}']");
            await Expect(row.GetByTestId("leaderboard-model")).ToHaveTextAsync(model);
            await Expect(row.GetByTestId("leaderboard-votes")).ToHaveTextAsync("1");
            await Expect(row.GetByTestId("leaderboard-rating")).ToHaveTextAsync(RatingPattern());
        }

        await page.ScreenshotToTmpAsync("desktop-leaderboard");
    }

    [Fact]
    public async Task Battle_NewRoundAfterVote_ShowsEmptyPromptAndHistoryLinksToPastBattle()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("history-item")).ToHaveCountAsync(0);

        await page.RunBattleAsync("Name three prime numbers.");
        await Expect(page.GetByTestId("history-item")).ToHaveCountAsync(1);

        await page.GetByTestId("history-item").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/battles/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("turn-prompt")).ToHaveTextAsync("Name three prime numbers.");
        await Expect(page.GetByTestId("pane-a")).ToHaveAttributeAsync("data-status", "done");
        await Expect(page.GetByTestId("pane-b")).ToHaveAttributeAsync("data-status", "done");
        await Expect(page.GetByTestId("reveal")).ToHaveCountAsync(0);
    }

    [GeneratedRegex(@"^\d{3,4}\.\d$")]
    private static partial Regex RatingPattern();
}
