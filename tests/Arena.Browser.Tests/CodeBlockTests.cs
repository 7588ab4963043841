using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Arena.Browser.Tests;

[Collection(ProductCollection.Name)]
public sealed class CodeBlockTests(ProductFixture fixture)
{
    [Fact]
    public async Task CodeAnswer_IsHighlightedAndCopyButtonCopiesTheCode()
    {
        var page = await fixture.NewPageAsync();
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();

        await page.RunBattleAsync("Write a Python function that returns the first n fibonacci numbers.");

        var block = page.Locator(".code-block").First;
        await Expect(block).ToBeVisibleAsync();
        await Expect(block.Locator(".code-lang")).ToHaveTextAsync("python");
        Assert.True(await block.Locator(".tok-kw").CountAsync() > 0, "no keyword was highlighted");
        Assert.True(await block.Locator(".tok-fn, .tok-str, .tok-num, .tok-com").CountAsync() > 0, "nothing but keywords was highlighted");
        var code = await block.Locator("pre code").TextContentAsync();
        var copy = block.GetByRole(AriaRole.Button, new() { Name = "Copy code" });

        await copy.ClickAsync();

        await Expect(copy).ToHaveTextAsync("Copied");
        Assert.Equal(code, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        Assert.Matches(new Regex(@"def \w+\("), code);
        await Expect(page.Locator("#copy-status")).ToHaveTextAsync("Code copied to the clipboard.");
        await Expect(copy).ToHaveTextAsync("Copy");
        await block.ScreenshotAsync(new LocatorScreenshotOptions { Path = "/tmp/arena-code-block.png" });
    }
}
