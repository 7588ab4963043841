using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Arena.Browser.Tests;

[Collection(ProductCollection.Name)]
public sealed partial class KeyboardVoteTests(ProductFixture fixture)
{
    // Records whether the thinking indicator was ever in the DOM: it may be gone again before an assertion
    // could look at it. Checked where the models are slow enough for it to be on screen (StopTests): with
    // these fast ones the first tokens can arrive before the battle is first drawn.
    internal const string WatchThinking = """
        window.__sawThinking = false;
        new MutationObserver(() => {
          if (document.querySelector('[data-testid="thinking"]')) window.__sawThinking = true;
        }).observe(document, { childList: true, subtree: true });
        """;

    [Theory]
    [InlineData("desktop", 1280, 800, false, "dark")]
    [InlineData("phone", 360, 740, true, "light")]
    public async Task Battle_VoteWithKeyboard_NoIdentityBeforeVoteThenReveal(string name, int width, int height, bool phone, string theme)
    {
        var page = await fixture.NewPageAsync(width, height, phone);
        await page.EmulateMediaAsync(new() { ColorScheme = theme == "dark" ? Microsoft.Playwright.ColorScheme.Dark : Microsoft.Playwright.ColorScheme.Light });
        var network = new NetworkLog(page);
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();
        var catalog = await fixture.CatalogNamesAsync(page);
        await page.AssertNoHorizontalOverflowAsync();

        await page.RunBattleAsync("Explain what a hash map is, in two short paragraphs.");
        await Expect(page.GetByTestId("battle-live")).ToHaveTextAsync(new Regex("Both answers are complete"));
        await Expect(page.GetByTestId("vote-a")).ToHaveAttributeAsync("aria-label", "Vote: Assistant A is better");
        await Expect(page.GetByTestId("vote-a")).ToHaveAttributeAsync("aria-keyshortcuts", "1 A");
        await Expect(page.GetByTestId("vote-b")).ToHaveAttributeAsync("aria-label", "Vote: Assistant B is better");
        await Expect(page.GetByTestId("vote-a")).ToBeEnabledAsync();
        await page.AssertNoHorizontalOverflowAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", theme);
        await page.ScreenshotToTmpAsync($"{name}-before-vote");

        // No model identity anywhere before the vote: text, markup with attributes, frames and responses.
        var text = await page.InnerTextAsync("body");
        var dom = await page.ContentAsync();
        var wire = await network.TextAsync();
        Assert.True(network.Count > 5, $"only {network.Count} network items were captured");
        foreach (var model in catalog)
        {
            Assert.DoesNotContain(model, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(model, dom, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(model, wire, StringComparison.OrdinalIgnoreCase);
        }

        // A key typed into a text field is text, not a vote.
        await page.GetByTestId("follow-up").FocusAsync();
        await page.Keyboard.PressAsync("2");
        await Expect(page.GetByTestId("follow-up")).ToHaveValueAsync("2");
        await Expect(page.GetByTestId("reveal")).ToHaveCountAsync(0);
        await page.GetByTestId("follow-up").FillAsync("");
        await page.EvaluateAsync("() => document.activeElement.blur()");

        await page.Keyboard.PressAsync("a");

        await Expect(page.GetByTestId("reveal")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("vote-a")).ToHaveCountAsync(0);
        var modelA = (await page.GetByTestId("reveal-model-a").InnerTextAsync()).Trim();
        var modelB = (await page.GetByTestId("reveal-model-b").InnerTextAsync()).Trim();
        Assert.Contains(modelA, catalog);
        Assert.Contains(modelB, catalog);
        Assert.NotEqual(modelA, modelB);
        await Expect(page.GetByTestId("reveal-delta-a")).ToHaveTextAsync(new Regex(@"^\+\d+\.\d$"));
        await Expect(page.GetByTestId("reveal-delta-b")).ToHaveTextAsync(new Regex(@"^\u2212\d+\.\d$"));
        await Expect(page.GetByTestId("reveal-rating-a")).ToHaveTextAsync(new Regex(@"^\d{3,4}\.\d$"));
        await Expect(page.GetByTestId("pane-model-a")).ToHaveTextAsync(modelA);
        await page.AssertNoHorizontalOverflowAsync();
        await page.ScreenshotToTmpAsync($"{name}-reveal");
    }

    [Fact]
    public async Task VoteKeys_OtherKeysOrModifiers_DoNothingAndThreeIsTie()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();
        await page.RunBattleAsync("Name three prime numbers.");
        await page.EvaluateAsync("() => document.activeElement.blur()");

        // Keys that are not shortcuts, and shortcuts with a modifier, leave the vote open.
        await page.Keyboard.PressAsync("q");
        await page.Keyboard.PressAsync("Control+b");
        await Expect(page.GetByTestId("vote-b")).ToBeEnabledAsync();
        await Expect(page.GetByTestId("reveal")).ToHaveCountAsync(0);

        await page.Keyboard.PressAsync("3");

        await Expect(page.GetByTestId("reveal")).ToContainTextAsync("You voted: Tie");
    }
}
