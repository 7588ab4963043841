using static Microsoft.Playwright.Assertions;

namespace Arena.Browser.Tests;

/// <summary>A battle is its owner's until they press Share: before that, its pages show a stranger nothing of it.</summary>
[Collection(ProductCollection.Name)]
public sealed class ShareTests(ProductFixture fixture)
{
    [Fact]
    public async Task VotedBattle_BeforeShare_StrangerSeesNothingThenSeesItOnceShared()
    {
        var owner = await fixture.NewPageAsync();
        await owner.GotoAsync("/");
        await owner.WaitForInteractiveAsync();
        await owner.RunBattleAsync("Give me a tip for naming variables.");
        var id = await owner.GetByTestId("battle").GetAttributeAsync("data-battle-id");
        var answer = (await owner.GetByTestId("pane-a").Locator(".answer-text").InnerTextAsync()).Trim();
        await owner.GetByTestId("vote-a").ClickAsync();
        await Expect(owner.GetByTestId("reveal")).ToBeVisibleAsync();

        var stranger = await fixture.NewPageAsync();
        var network = new NetworkLog(stranger);
        foreach (var (path, error) in new[] { ($"b/{id}", "shared-error"), ($"battles/{id}", "battle-error") })
        {
            await stranger.GotoAsync(path);
            await stranger.WaitForInteractiveAsync();
            await Expect(stranger.GetByTestId(error)).ToBeVisibleAsync();
            await Expect(stranger.GetByTestId("turn")).ToHaveCountAsync(0);
        }

        Assert.DoesNotContain(answer[..Math.Min(40, answer.Length)], await network.TextAsync(), StringComparison.Ordinal);

        await owner.GetByTestId("share").ClickAsync();
        await Expect(owner.GetByTestId("share-link")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"/b/{id}$"));

        await stranger.GotoAsync($"b/{id}");
        await stranger.WaitForInteractiveAsync();
        await Expect(stranger.GetByTestId("turn")).ToHaveCountAsync(1);
        await Expect(stranger.GetByTestId("reveal")).ToBeVisibleAsync();
        await Expect(stranger.GetByTestId("share")).ToHaveCountAsync(0); // the stranger cannot share, only copy the link
        await Expect(stranger.GetByTestId("vote-bar")).ToHaveCountAsync(0);
    }
}
