using static Microsoft.Playwright.Assertions;

namespace Arena.Browser.Tests;

/// <summary>An Arena whose simulated models answer at three times their normal latency, so there is time to stop them.</summary>
public sealed class SlowModelsFixture() : BrowserFixture(new Dictionary<string, string> { ["Arena:Simulator:TimeScale"] = "3" });

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
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();
        var box = page.GetByTestId("prompt");
        await box.FillAsync("Write a detailed essay on the history of the printing press, with many examples.");
        await box.PressAsync("Enter");

        // Both sides have started writing: stopping now keeps text on each side.
        await Expect(page.GetByTestId("pane-a")).ToHaveAttributeAsync("data-status", "streaming");
        await Expect(page.GetByTestId("pane-b")).ToHaveAttributeAsync("data-status", "streaming");
        await page.GetByTestId("stop").ClickAsync();

        await Expect(page.GetByTestId("stop")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("pane-state-a")).ToHaveTextAsync("Stopped");
        await Expect(page.GetByTestId("pane-state-b")).ToHaveTextAsync("Stopped");
        await Expect(page.GetByTestId("pane-a").Locator(".answer-text")).Not.ToBeEmptyAsync();
        await Expect(page.GetByTestId("vote-a")).ToBeEnabledAsync();
        await page.ScreenshotToTmpAsync("desktop-stopped");
    }
}
