using Microsoft.Playwright;

namespace Arena.Browser.Tests;

internal static class PageExtensions
{
    /// <summary>Waits until the Blazor circuit is connected; a click before that would be lost.</summary>
    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.Locator("[data-interactive='true']").WaitForAsync();

    /// <summary>Saves a full-page screenshot to /tmp/arena-<paramref name="name"/>.png for a look by eye.</summary>
    public static Task ScreenshotToTmpAsync(this IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = $"/tmp/arena-{name}.png", FullPage = true });

    /// <summary>How far the page is wider than its viewport, in CSS pixels (0 when nothing scrolls sideways).</summary>
    public static Task<int> HorizontalOverflowAsync(this IPage page) =>
        page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");

    /// <summary>The elements that reach past the viewport's right edge, for a failure message.</summary>
    public static Task<string> OverflowingElementsAsync(this IPage page) =>
        page.EvaluateAsync<string>("""
            () => [...document.querySelectorAll('body *')]
              .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
              .slice(0, 8)
              .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} right=${Math.round(e.getBoundingClientRect().right)}`)
              .join('; ')
            """);

    /// <summary>Asserts that nothing on the page scrolls sideways, naming the culprits when something does.</summary>
    public static async Task AssertNoHorizontalOverflowAsync(this IPage page)
    {
        var overflow = await page.HorizontalOverflowAsync();
        Assert.True(overflow == 0, $"the page is {overflow}px wider than the viewport: {await page.OverflowingElementsAsync()}");
    }

    /// <summary>Sends a prompt with Enter and waits until both panes have finished answering.</summary>
    public static async Task RunBattleAsync(this IPage page, string prompt)
    {
        var box = page.GetByTestId("prompt");
        await box.FillAsync(prompt);
        await box.PressAsync("Enter");
        foreach (var pane in new[] { "pane-a", "pane-b" })
        {
            await Assertions.Expect(page.GetByTestId(pane)).ToHaveAttributeAsync("data-status", "done");
            await Assertions.Expect(page.GetByTestId(pane).Locator(".answer-text")).Not.ToBeEmptyAsync();
        }
    }

    /// <summary>Signs this page's browser context in as the operator through the sign-in form, then lands on <paramref name="returnUrl"/>.</summary>
    public static async Task SignInAsOperatorAsync(this IPage page, string returnUrl = "/stats")
    {
        await page.GotoAsync("operator?return_url=" + Uri.EscapeDataString(returnUrl));
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("operator-key").FillAsync(ArenaServer.OperatorKey);
        await page.GetByTestId("operator-sign-in").ClickAsync();
        // The redirect's document is committed; then the page's own interactive marker says it is ready (waiting for
        // the load event as well timed out once on a loaded machine, with the network already idle).
        await page.WaitForURLAsync(url => new Uri(url).PathAndQuery == returnUrl, new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await page.WaitForInteractiveAsync();
    }
}
