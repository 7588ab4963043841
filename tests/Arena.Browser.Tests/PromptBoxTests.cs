using static Microsoft.Playwright.Assertions;

namespace Arena.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class PromptBoxTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Send_WhitespaceOnlyPrompt_ShowsTheServersReasonAndStartsNoBattle()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();

        await page.GetByTestId("prompt").FillAsync("   ");
        await page.GetByTestId("prompt").PressAsync("Enter");

        await Expect(page.GetByTestId("prompt-error")).ToContainTextAsync("empty");
        await Expect(page.GetByTestId("pane-a")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("prompt")).ToBeEnabledAsync();
    }

    [Fact]
    public async Task ShiftEnter_InPrompt_InsertsNewLineWithoutSending()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();

        var box = page.GetByTestId("prompt");
        await box.PressSequentiallyAsync("first line");
        await box.PressAsync("Shift+Enter");
        await box.PressSequentiallyAsync("second line");

        await Expect(box).ToHaveValueAsync("first line\nsecond line");
        await Expect(page.GetByTestId("pane-a")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("history-item")).ToHaveCountAsync(0);
    }
}
