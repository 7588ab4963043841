using static Microsoft.Playwright.Assertions;

namespace Arena.Browser.Tests;

/// <summary>
/// An Arena whose simulated models answer at thirty times their normal latency, so there is time to stop them
/// mid-answer even on a loaded CI machine (at ten times, both short answers once finished before the click landed).
/// </summary>
public sealed class SlowModelsFixture() : BrowserFixture(new Dictionary<string, string> { ["Arena:Simulator:TimeScale"] = "30" });

[CollectionDefinition(Name)]
public sealed class SlowModelsCollection : ICollectionFixture<SlowModelsFixture>
{
    public const string Name = "browser, slow models";
}

[Collection(SlowModelsCollection.Name)]
public sealed class StopTests(SlowModelsFixture fixture)
{
    [Fact]
    public async Task Stop_WhileStreaming_EndsBothSidesWithTheirTextAndOffersTheVote()
    {
        var page = await fixture.NewPageAsync();
        await page.AddInitScriptAsync(KeyboardVoteTests.WatchThinking);
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();
        var box = page.GetByTestId("prompt");
        await box.FillAsync("Write a detailed essay on the history of the printing press, with many examples.");
        await box.PressAsync("Enter");

        // Both sides have started writing (a side is "streaming" before its first token; wait for text):
        // stopping now keeps text on each side. At thirty times the latency even a short answer takes many seconds.
        await Expect(page.GetByTestId("pane-a")).ToHaveAttributeAsync("data-status", "streaming");
        await Expect(page.GetByTestId("pane-b")).ToHaveAttributeAsync("data-status", "streaming");
        await Expect(page.GetByTestId("pane-a").Locator(".answer-text")).Not.ToBeEmptyAsync();
        await Expect(page.GetByTestId("pane-b").Locator(".answer-text")).Not.ToBeEmptyAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sawThinking"), "the panes never showed the thinking indicator before the first token");
        await page.GetByTestId("stop").ClickAsync();

        await Expect(page.GetByTestId("stop")).ToHaveCountAsync(0);
        // A side whose (short) answer was already complete stays Done; the one still writing is Stopped.
        await Expect(page.GetByTestId("battle")).ToHaveAttributeAsync("data-battle-status", "readytovote");
        var states = new[] { await page.GetByTestId("pane-state-a").InnerTextAsync(), await page.GetByTestId("pane-state-b").InnerTextAsync() };
        Assert.All(states, s => Assert.Contains(s, new[] { "Stopped", "Done" }));
        Assert.Contains("Stopped", states);
        await Expect(page.GetByTestId("pane-a").Locator(".answer-text")).Not.ToBeEmptyAsync();
        await Expect(page.GetByTestId("pane-b").Locator(".answer-text")).Not.ToBeEmptyAsync();
        await Expect(page.GetByTestId("vote-a")).ToBeEnabledAsync();
        await page.ScreenshotToTmpAsync("desktop-stopped");
    }
}
