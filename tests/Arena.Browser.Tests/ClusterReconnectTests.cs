using System.Diagnostics;
using Arena.Tests.Shared;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Arena.Browser.Tests;

/// <summary>
/// A page behind nginx whose web silo dies: the browser's circuit was on that silo, so Blazor's reconnection reaches the
/// other silo, which does not know the circuit and refuses it; the page then loads again there, on a new circuit, and
/// works. The cluster is eight processes, so this runs alone, after the other browser tests.
/// </summary>
[Collection(ClusterReconnectCollection.Name)]
public sealed class ClusterReconnectTests(ITestOutputHelper output)
{
    private const string ChromiumPath = "/usr/bin/chromium";

    [Fact]
    public async Task Page_WhoseWebSiloIsKilled_LoadsAgainOnTheOtherSilo_AndRunsABattle()
    {
        Assertions.SetDefaultExpectTimeout(30_000);
        using var cluster = new LocalCluster(output.WriteLine);
        await cluster.StartAsync();
        try
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = cluster.Nginx.ToString() });
            context.SetDefaultTimeout(30_000);
            var page = await context.NewPageAsync();
            var clock = Stopwatch.StartNew();
            page.Console += (_, message) => output.WriteLine($"[{clock.Elapsed.TotalSeconds:F1} s] console {message.Type}: {message.Text}");
            page.Load += (_, _) => output.WriteLine($"[{clock.Elapsed.TotalSeconds:F1} s] page loaded");
            await page.GotoAsync("/");
            await page.WaitForInteractiveAsync();

            var session = await SessionCookieAsync(context);

            // The silo holding the circuit: the one that answered its negotiation, by nginx's log.
            var holder = cluster.UpstreamsByRequest("/_blazor/negotiate").Values.Single();
            var other = cluster.WebPorts.Select(p => $"127.0.0.1:{p}").Single(u => u != holder);
            output.WriteLine($"[{clock.Elapsed.TotalSeconds:F1} s] circuit on {holder}; killing it");
            await page.EvaluateAsync("() => { window.arenaBeforeKill = true; }");
            cluster.KillWeb(holder.EndsWith($":{cluster.WebPorts[0]}", StringComparison.Ordinal) ? 1 : 2);

            // A new document (the marker is gone) that is interactive again.
            await page.WaitForFunctionAsync(
                "() => window.arenaBeforeKill === undefined && document.querySelector(\"[data-interactive='true']\") !== null",
                null,
                new PageWaitForFunctionOptions { Timeout = 120_000, PollingInterval = 250 });
            output.WriteLine($"[{clock.Elapsed.TotalSeconds:F1} s] interactive again");
            Assert.Equal(other, cluster.UpstreamsByRequest("/_blazor/negotiate").Values.Last());

            // The other silo read the session cookie the dead one issued (shared keys): the same session, no new cookie.
            Assert.Equal(session, await SessionCookieAsync(context));

            await page.RunBattleAsync("Name a lake in Canada.");
        }
        finally
        {
            await cluster.StopAsync();
        }
    }

    private static async Task<string> SessionCookieAsync(IBrowserContext context) =>
        (await context.CookiesAsync()).Single(c => c.Name == "arena_session").Value;
}

/// <summary>Runs <see cref="ClusterReconnectTests"/> by itself, after the collections that run in parallel.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterReconnectCollection
{
    public const string Name = "Cluster reconnect";
}
