using System.Net;
using Arena.Cluster.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Arena.Cluster.Tests.Processes;

/// <summary>
/// Two Arena.Web silos in the cluster profile on one PostgreSQL database, each in its own process and working directory,
/// as on two machines behind a proxy: the session cookie one issues works through the other and through a web silo that
/// replaces the first, because the Data Protection key ring lives in the database. One test, since the deployment is costly.
/// </summary>
public sealed class SharedWebStateTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TwoWebSilos_SessionCookieOfOne_WorksThroughTheOtherAndThroughItsReplacement()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Log(string step) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0}s {step}");
        await using var arena = await ArenaDeployment.StartAsync(webSilos: 2);
        Log("deployment started");
        await arena.RunAsync(() => RunAsync(arena, Log), output.WriteLine);
    }

    private static async Task RunAsync(ArenaDeployment arena, Action<string> log)
    {
        // One browser: its cookies are kept per host, so both web silos on 127.0.0.1 get the same one, as behind a proxy.
        var browser = new CookieContainer();
        using var viaFirst = new ArenaHttp(arena.Webs[0], browser);
        var battle = await viaFirst.RunBattleAsync("What is the capital of France?");
        Assert.True(battle.Status == "ready_to_vote", battle.Describe());
        var cookie = viaFirst.SessionCookie ?? throw new InvalidOperationException("web-1 issued no session cookie.");
        log("battle run through web-1");

        // web-2 reads web-1's cookie: the same session (no new cookie), with its battle, and its vote counts.
        using (var viaSecond = new ArenaHttp(arena.Webs[1], browser))
        {
            Assert.Equal([battle.Id], await viaSecond.GetHistoryAsync());
            Assert.Equal(cookie, viaSecond.SessionCookie);
            var reveal = await viaSecond.VoteAsync(battle.Id, "a");
            Assert.Contains((string)reveal["a"]!["model"]!, ArenaDeployment.AllModels);
        }

        log("history and vote through web-2");

        // A tampered copy of that cookie is not that session on web-2: it is replaced by a new, empty one.
        var tampered = Tamper(cookie);
        var forger = new CookieContainer();
        forger.Add(arena.Webs[1], new Cookie(ArenaHttp.SessionCookieName, tampered));
        using (var asForger = new ArenaHttp(arena.Webs[1], forger))
        {
            Assert.Empty(await asForger.GetHistoryAsync());
            Assert.NotNull(asForger.SessionCookie);
            Assert.NotEqual(tampered, asForger.SessionCookie);
            Assert.NotEqual(cookie, asForger.SessionCookie);
        }

        // web-1 is killed (SIGKILL) and replaced by a new process in a new working directory: the cookie still reads.
        await arena.ReplaceWebAsync(0);
        log("web-1 replaced");
        using var viaReplacement = new ArenaHttp(arena.Webs[0], browser);
        var history = new List<string>();
        // Until the cluster declares web-1 dead, a call to a grain it held may fail; a refused cookie ends the wait at once.
        await Poll.UntilAsync(
            async () => (history = await viaReplacement.GetHistoryAsync()).Count > 0 || viaReplacement.SessionCookie != cookie,
            RecoveryBound,
            "the replacement web silo to list the session's battle",
            arena.Diagnostics);
        Assert.Equal([battle.Id], history);
        Assert.Equal(cookie, viaReplacement.SessionCookie);
        log("history through the replacement");
    }

    private static string Tamper(string cookie)
    {
        var middle = cookie.Length / 2;
        return cookie[..middle] + (cookie[middle] == 'A' ? 'B' : 'A') + cookie[(middle + 1)..];
    }
}
