using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Arena.Browser.Tests;

/// <summary>
/// Arena works under its own Content-Security-Policy: the theme script runs before the first paint,
/// the Blazor circuit connects over its websocket, and a blind battle runs to the vote and the reveal,
/// on every page, with not one violation.
/// </summary>
[Collection(ProductCollection.Name)]
public sealed class SecurityPolicyTests(ProductFixture fixture)
{
    [Fact]
    public async Task Journey_UnderTheCsp_BattleToVoteAndEveryPage_NoViolation()
    {
        var page = await fixture.NewPageAsync();
        var csp = await CspWatch.StartAsync(page.Context);

        var home = await page.GotoAsync("/");
        var policy = home!.Headers["content-security-policy"];
        var scriptSrc = policy.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        Assert.DoesNotContain("unsafe", scriptSrc, StringComparison.Ordinal);
        Assert.Contains("img-src 'self' data:", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        await page.WaitForInteractiveAsync();
        // The theme script (a file in <head>) ran before the body: the page has a theme.
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", new Regex("^(dark|light)$"));

        await page.ScreenshotToTmpAsync("csp-home");
        await page.RunBattleAsync("Explain what a hash map is, in two short paragraphs.");
        await page.GetByTestId("vote-a").ClickAsync();
        await Expect(page.GetByTestId("reveal")).ToBeVisibleAsync();

        await page.SignInAsOperatorAsync("/stats");
        await Expect(page.GetByTestId("stats-speed")).ToBeVisibleAsync();
        foreach (var path in new[] { "leaderboard", "compare", "models/sim-mistral-7b", "operator" })
        {
            await page.GotoAsync(path);
            await page.WaitForInteractiveAsync();
        }

        // The theme toggle and the leaderboard dialog run arena.js and Blazor events under the policy too.
        await page.GetByTestId("theme-toggle").ClickAsync();
        await page.GetByTestId("leaderboard-open").ClickAsync();
        csp.AssertNone();
    }
}
