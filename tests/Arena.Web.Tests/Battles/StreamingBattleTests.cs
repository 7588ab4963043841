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
}
