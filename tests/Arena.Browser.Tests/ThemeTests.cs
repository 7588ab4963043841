using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Arena.Browser.Tests;

[Collection(ProductCollection.Name)]
public sealed class ThemeTests(ProductFixture fixture)
{
    // Notes the theme at the moment <body> is created, i.e. before anything of the page could be painted.
    private const string RecordThemeAtBody = """
        new MutationObserver((_, observer) => {
          if (document.body) {
            window.__themeAtBody = document.documentElement.dataset.theme ?? "(none)";
            observer.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
        """;

    [Fact]
    public async Task Toggle_ToLight_PersistsAcrossReloadBeforeFirstPaint()
    {
        var page = await NewPageAsync(ColorScheme.Dark);
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();
        Assert.Equal("dark", await page.EvaluateAsync<string>("() => window.__themeAtBody"));
        var toggle = page.GetByTestId("theme-toggle");
        await Expect(toggle).ToHaveAttributeAsync("aria-label", "Switch to light theme");
        var darkBackground = await BackgroundAsync(page);

        await toggle.ClickAsync();

        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "light");
        await Expect(toggle).ToHaveAttributeAsync("aria-label", "Switch to dark theme");
        Assert.NotEqual(darkBackground, await BackgroundAsync(page));
        await page.ScreenshotToTmpAsync("light-home");

        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        Assert.Equal("light", await page.EvaluateAsync<string>("() => window.__themeAtBody"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "light");
        Assert.Equal("rgb(246, 247, 251)", await BackgroundAsync(page));

        await toggle.ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await page.ReloadAsync();
        Assert.Equal("dark", await page.EvaluateAsync<string>("() => window.__themeAtBody"));
    }

    [Fact]
    public async Task FirstVisit_FollowsTheSystemPreference()
    {
        var light = await NewPageAsync(ColorScheme.Light);
        await light.GotoAsync("/");
        Assert.Equal("light", await light.EvaluateAsync<string>("() => window.__themeAtBody"));

        var dark = await NewPageAsync(ColorScheme.Dark);
        await dark.GotoAsync("/");
        Assert.Equal("dark", await dark.EvaluateAsync<string>("() => window.__themeAtBody"));
    }

    private async Task<IPage> NewPageAsync(ColorScheme scheme)
    {
        var page = await fixture.NewPageAsync();
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = scheme });
        await page.AddInitScriptAsync(RecordThemeAtBody);
        return page;
    }

    private static Task<string> BackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
}
