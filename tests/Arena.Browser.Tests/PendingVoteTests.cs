using static Microsoft.Playwright.Assertions;

namespace Arena.Browser.Tests;

/// <summary>A vote the leaderboard confirms only after the vote call answered: shown as recorded until revealed, never as an error.</summary>
[Collection(SlowRevealCollection.Name)]
public sealed class PendingVoteTests(SlowRevealFixture fixture)
{
    [Fact]
    public async Task Vote_RevealAfterTheAnswer_ShowsTheRevealAndNoError()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("prompt").FillAsync("Name a planet with rings.");
        await page.GetByTestId("prompt").PressAsync("Enter");
        await Expect(page.GetByTestId("vote-b")).ToBeEnabledAsync();

        await page.GetByTestId("vote-b").ClickAsync();

        await Expect(page.GetByTestId("reveal")).ToBeVisibleAsync();
        // Whether the "recorded" note showed first depends on how soon the leaderboard answered; either way no error.
        await Expect(page.GetByTestId("vote-pending")).ToHaveCountAsync(0);
        await Expect(page.Locator(".form-error, [role=alert]")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("reveal-model-b")).Not.ToBeEmptyAsync();
    }
}
