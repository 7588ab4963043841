using System.Globalization;
using static Microsoft.Playwright.Assertions;

namespace Arena.Browser.Tests;

/// <summary>An Arena whose block list refuses one made-up word.</summary>
public sealed class ModerationFixture() : BrowserFixture(new Dictionary<string, string> { ["Arena:Moderation:BlockList:0"] = ModerationFixture.Word })
{
    public const string Word = "zorblax";
}

[CollectionDefinition(Name)]
public sealed class ModerationCollection : ICollectionFixture<ModerationFixture>
{
    public const string Name = "browser, moderation";
}

/// <summary>In the UI, a prompt moderation refuses shows the refusal where it was typed, starts nothing, and is counted on the stats page.</summary>
[Collection(ModerationCollection.Name)]
public sealed class ModerationTests(ModerationFixture fixture)
{
    [Fact]
    public async Task SendPrompt_BlockListedWord_ShowsTheRefusalAndStartsNoBattle()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();

        await page.GetByTestId("prompt").FillAsync("Tell me everything about Zorblax.");
        await page.GetByTestId("prompt").PressAsync("Enter");

        await Expect(page.GetByTestId("prompt-error")).ToContainTextAsync("flagged by moderation");
        await Expect(page.GetByTestId("prompt-error")).ToContainTextAsync("not sent to any model");
        await Expect(page.GetByTestId("pane-a")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("history-item")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("prompt")).ToHaveValueAsync("Tell me everything about Zorblax."); // kept, to rephrase
    }

    [Fact]
    public async Task FollowUp_BlockListedWord_ShowsTheRefusalUnderTheFollowUpBox_AndAddsNoTurn()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();
        await page.RunBattleAsync("Name a colour.");

        var followUp = page.GetByTestId("follow-up");
        await followUp.FillAsync("Now say zorblax.");
        await followUp.PressAsync("Enter");

        await Expect(page.GetByTestId("follow-up-error")).ToContainTextAsync("flagged by moderation");
        await Expect(page.GetByTestId("turn")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task StatsPage_AfterARefusal_ShowsItCountedByTheBlockList()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("prompt").FillAsync("zorblax zorblax");
        await page.GetByTestId("prompt").PressAsync("Enter");
        await Expect(page.GetByTestId("prompt-error")).ToContainTextAsync("flagged by moderation");

        // The moderation counters are an operator's statistics.
        await page.SignInAsOperatorAsync("/stats");

        var section = page.GetByTestId("stats-moderation");
        await Expect(section).ToContainTextAsync("the block list");
        var count = await page.GetByTestId("moderation-flagged-blocklist").InnerTextAsync();
        Assert.True(long.Parse(count, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) >= 1, $"the block list's count is {count}");
        await Expect(page.GetByTestId("moderation-per-day")).ToBeVisibleAsync();
    }
}
