using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Arena.Browser.Tests;

[Collection(ProductCollection.Name)]
public sealed class ConversationTests(ProductFixture fixture)
{
    [Theory]
    [InlineData("desktop", 1280, 800, false)]
    [InlineData("phone", 360, 740, true)]
    public async Task TwoTurnBattle_VoteThenShare_StrangerSeesReadOnlyCopy(string name, int width, int height, bool phone)
    {
        var page = await fixture.NewPageAsync(width, height, phone);
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();
        await page.RunBattleAsync("What is a binary search tree?");

        var followUp = page.GetByTestId("follow-up");
        await followUp.FillAsync("And how do you keep one balanced?");
        await followUp.PressAsync("Enter");

        await Expect(page.GetByTestId("turn")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("turn-prompt").Nth(1)).ToHaveTextAsync("And how do you keep one balanced?");
        var second = page.GetByTestId("turn").Nth(1);
        foreach (var pane in new[] { "pane-a", "pane-b" })
        {
            await Expect(second.GetByTestId(pane)).ToHaveAttributeAsync("data-status", "done");
            await Expect(second.GetByTestId(pane).Locator(".answer-text")).Not.ToBeEmptyAsync();
        }

        await Expect(page.GetByTestId("follow-up")).ToHaveValueAsync("");
        await Expect(page.GetByTestId("share")).ToHaveCountAsync(0); // a blind battle is shared only after the vote
        await page.AssertNoHorizontalOverflowAsync();
        await page.GetByTestId("vote-b").ClickAsync();

        await Expect(page.GetByTestId("reveal")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("follow-up")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("share-link")).ToHaveCountAsync(0); // private until shared
        await page.GetByTestId("share").ClickAsync();
        var link = page.GetByTestId("share-link");
        await Expect(link).ToHaveTextAsync(new Regex("/b/[0-9a-f-]{36}$"));
        var shareUrl = (await link.InnerTextAsync()).Trim();
        var modelA = (await page.GetByTestId("reveal-model-a").InnerTextAsync()).Trim();
        await page.ScreenshotToTmpAsync($"{name}-two-turns-reveal");

        var stranger = await fixture.NewPageAsync(width, height, phone);
        await stranger.GotoAsync(shareUrl);
        await stranger.WaitForInteractiveAsync();
        await Expect(stranger.GetByTestId("turn-prompt")).ToHaveCountAsync(2);
        await Expect(stranger.GetByTestId("reveal-model-a")).ToHaveTextAsync(modelA);
        await Expect(stranger.GetByTestId("shared-mode")).ToHaveTextAsync("blind battle · voted");
        await Expect(stranger.GetByTestId("vote-bar")).ToHaveCountAsync(0);
        await Expect(stranger.GetByTestId("follow-up")).ToHaveCountAsync(0);
        await Expect(stranger.GetByTestId("regenerate")).ToHaveCountAsync(0);
        await stranger.AssertNoHorizontalOverflowAsync();
        await stranger.ScreenshotToTmpAsync($"{name}-shared");
    }

    [Fact]
    public async Task SharePage_OfUnvotedBlindBattle_ShowsNothingOfIt()
    {
        var page = await fixture.NewPageAsync();
        var network = new NetworkLog(page);
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();
        await page.RunBattleAsync("Give me two tips for writing clear commit messages.");
        var id = await page.GetByTestId("battle").GetAttributeAsync("data-battle-id");
        var answer = (await page.GetByTestId("pane-a").Locator(".answer-text").InnerTextAsync()).Trim();

        await page.GotoAsync($"b/{id}");
        await page.WaitForInteractiveAsync();

        await Expect(page.GetByTestId("shared-not-yet")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("turn")).ToHaveCountAsync(0);
        Assert.DoesNotContain(answer[..Math.Min(60, answer.Length)], await page.InnerTextAsync("main"), StringComparison.Ordinal);
        var wire = await network.TextAsync();
        foreach (var model in await fixture.CatalogNamesAsync(page))
        {
            Assert.DoesNotContain(model, wire, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Regenerate_BeforeVote_ReplacesBothAnswersAndKeepsOnePrompt()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();
        await page.RunBattleAsync("Suggest a name for a pet turtle.");

        await page.GetByTestId("regenerate").ClickAsync();

        await Expect(page.GetByTestId("battle")).ToHaveAttributeAsync("data-battle-status", "readytovote");
        await Expect(page.GetByTestId("turn")).ToHaveCountAsync(1);
        foreach (var pane in new[] { "pane-a", "pane-b" })
        {
            await Expect(page.GetByTestId(pane)).ToHaveAttributeAsync("data-status", "done");
            await Expect(page.GetByTestId(pane).Locator(".answer-text")).Not.ToBeEmptyAsync();
        }

        var id = await page.GetByTestId("battle").GetAttributeAsync("data-battle-id");
        var battle = await page.Context.APIRequest.GetAsync($"api/battles/{id}");
        using var json = System.Text.Json.JsonDocument.Parse(await battle.TextAsync());
        var turns = json.RootElement.GetProperty("turns");
        Assert.Equal(2, turns.GetArrayLength());
        Assert.True(turns[0].GetProperty("superseded").GetBoolean());

        await page.GetByTestId("vote-tie").ClickAsync();
        await Expect(page.GetByTestId("reveal")).ToContainTextAsync("You voted: Tie");
    }
}
