using System.Net;
using Arena.Web.Tests.Api;
using Arena.Web.Tests.Hosting;

namespace Arena.Web.Tests.Battles;

/// <summary>Battles that are still streaming, on a simulator slowed so much that they stay that way during the test.</summary>
public sealed class StreamingBattleTests(SlowArenaFixture fixture) : IClassFixture<SlowArenaFixture>
{
    [Fact]
    public async Task Vote_BeforeBothSidesFinished_Returns409AndChangesNothing()
    {
        var api = new ArenaApi(fixture.Factory.CreateSessionClient());
        var (_, leaderboard) = await api.GetLeaderboardAsync();
        var (started, _) = await api.StartBattleAsync("Compare two sorting algorithms.");
        var (streaming, _) = await api.GetBattleAsync(started.BattleId);
        Assert.Equal("streaming", streaming.Status);

        var problem = await ArenaApi.ExpectProblemAsync(
            api.PostJsonAsync($"/api/battles/{started.BattleId}/vote", """{"winner": "a"}"""), HttpStatusCode.Conflict);

        Assert.Contains("finish", problem.Detail, StringComparison.OrdinalIgnoreCase);
        var (battle, _) = await api.GetBattleAsync(started.BattleId);
        Assert.Equal("streaming", battle.Status);
        Assert.Null(battle.Vote);
        Assert.Null(battle.Reveal);
        Assert.Equal(leaderboard, (await api.GetLeaderboardAsync()).Body);
    }

    [Fact]
    public async Task Events_SubscribedMidStream_StartsWithTextSoFarThenContinuesWithoutGapOrRepeat()
    {
        var sessionId = Guid.NewGuid().ToString("N");
        var api = new ArenaApi(fixture.Factory.CreateSessionClient(sessionId));
        var (started, _) = await api.StartBattleAsync("Describe the water cycle.");
        using var deadline = new CancellationTokenSource(ArenaApi.BattleDeadline);

        // The first watcher's first token is the signal that some text exists.
        await using var first = api.StreamEventsAsync(started.Events, deadline.Token).GetAsyncEnumerator(deadline.Token);
        BattleSseEvent early;
        do
        {
            Assert.True(await first.MoveNextAsync(), "The stream ended before any token.");
            early = first.Current;
        }
        while (early.Type != "token");
        var side = SseEvents.SideOf(early)!;

        // A late watcher (the owner in another tab): it first gets that side's text so far (at offset 0), then the live tail.
        var late = new ArenaApi(fixture.Factory.CreateSessionClient(sessionId));
        var received = new Dictionary<string, string>(StringComparer.Ordinal) { ["a"] = "", ["b"] = "" };
        var tokens = 0;
        await foreach (var e in late.StreamEventsAsync(started.Events, deadline.Token))
        {
            Assert.Equal("token", e.Type);
            var s = SseEvents.SideOf(e)!;
            Assert.Equal(received[s].Length, SseEvents.OffsetOf(e)); // no gap, no repeat
            if (received[s].Length == 0 && s == side)
            {
                Assert.StartsWith(SseEvents.TextOf(early), SseEvents.TextOf(e), StringComparison.Ordinal);
            }

            received[s] += SseEvents.TextOf(e);
            if (++tokens == 6)
            {
                break;
            }
        }

        Assert.NotEmpty(received[side]);
        var (battle, _) = await api.GetBattleAsync(started.BattleId);
        Assert.StartsWith(received["a"], battle.Turns[0].A.Text, StringComparison.Ordinal);
        Assert.StartsWith(received["b"], battle.Turns[0].B.Text, StringComparison.Ordinal);
    }
}
