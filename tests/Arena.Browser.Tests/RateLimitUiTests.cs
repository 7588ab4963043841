using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Arena.Browser.Tests;

/// <summary>An Arena with the limits on: one battle or chat start per session an hour.</summary>
public sealed class LimitedBrowserFixture() : BrowserFixture(new Dictionary<string, string>
{
    ["Arena:RateLimits:Enabled"] = "true",
    ["Arena:RateLimits:Starts:PerSession"] = "1",
    ["Arena:RateLimits:Starts:Window"] = "01:00:00",
});

[CollectionDefinition(Name)]
public sealed class LimitedBrowserCollection : ICollectionFixture<LimitedBrowserFixture>
{
    public const string Name = "browser, limits on";
}

/// <summary>The UI acts through the Blazor circuit, not the HTTP API, and is limited all the same.</summary>
[Collection(LimitedBrowserCollection.Name)]
public sealed class RateLimitUiTests(LimitedBrowserFixture fixture)
{
    [Fact]
    public async Task PromptBox_PastTheSessionsStartLimit_ShowsTheRefusalAndStartsNothing()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();
        await page.RunBattleAsync("Explain what a hash map is, in two short paragraphs.");
        await page.GetByTestId("vote-a").ClickAsync();
        await Expect(page.GetByTestId("reveal")).ToBeVisibleAsync();

        var box = page.GetByTestId("prompt");
        await box.FillAsync("And what is a binary tree?");
        await box.PressAsync("Enter");

        await Expect(page.GetByTestId("prompt-error")).ToHaveTextAsync(
            new System.Text.RegularExpressions.Regex(@"^Too many battle or chat starts from this session: at most 1 an hour\. Try again in \d+ s\.$"));
        await Expect(page.GetByTestId("turn-prompt")).ToHaveTextAsync("Explain what a hash map is, in two short paragraphs.");
        await Expect(page.GetByTestId("prompt")).ToHaveValueAsync("And what is a binary tree?");
    }
}
