using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Arena.Browser.Tests;

/// <summary>A side that fails is shown clearly; the battle cannot be voted on, and the user can regenerate.</summary>
[Collection(FailingModelsCollection.Name)]
public sealed class FailedSideTests(FailingModelsFixture fixture)
{
    [Fact]
    public async Task FailedBattle_ShowsErrorsAndRegenerateRunsBothSidesAgain()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("prompt").FillAsync("Tell me about volcanoes.");
        await page.GetByTestId("prompt").PressAsync("Enter");

        // Every simulated model fails part-way: both panes show an error, there is nothing to vote on.
        await Expect(page.GetByTestId("battle-failed")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("pane-error-a")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("pane-error-b")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("vote-a")).ToHaveCountAsync(0);
        var battleId = await page.GetByTestId("battle").GetAttributeAsync("data-battle-id");
        await page.ScreenshotToTmpAsync("desktop-failed");

        await page.GetByTestId("regenerate").ClickAsync();

        // The server answers the prompt again as a second turn; the page follows it and shows one turn.
        // Read as the page's session: only the owner may read a battle it has not shared.
        var turns = await WaitForSecondAttemptAsync(page.Context.APIRequest, battleId!);
        Assert.True(turns[0].GetProperty("superseded").GetBoolean());
        Assert.Equal("failed", turns[1].GetProperty("a").GetProperty("status").GetString());
        await Expect(page.GetByTestId("turn-prompt")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("battle")).ToHaveAttributeAsync("data-battle-status", "failed");
        await Expect(page.GetByTestId("battle-failed")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("pane-error-a")).ToBeVisibleAsync();
    }

    /// <summary>Polls the battle until its second attempt has finished (bounded; not a fixed wait).</summary>
    private static async Task<JsonElement[]> WaitForSecondAttemptAsync(IAPIRequestContext api, string battleId)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var response = await api.GetAsync($"api/battles/{battleId}");
            Assert.Equal(200, response.Status);
            using var json = JsonDocument.Parse(await response.TextAsync());
            var battle = json.RootElement.Clone();
            var turns = battle.GetProperty("turns").EnumerateArray().ToArray();
            if (turns.Length == 2 && battle.GetProperty("status").GetString() != "streaming")
            {
                return turns;
            }

            await Task.Delay(50, deadline.Token);
        }
    }
}
