using System.Net;
using System.Net.Http.Json;
using Arena.Web.Tests.Api;

namespace Arena.Web.Tests.Limits;

/// <summary>The daily vote cap per session, on finished battles of fast models.</summary>
public sealed class VoteCapTests(FastLimitsFixture fixture) : IClassFixture<FastLimitsFixture>
{
    [Fact]
    public async Task Vote_PastTheDailyCap_Is429UntilMidnightAndRecordsNothing()
    {
        using var session = await fixture.Arena.SessionAsync(TestLimits.NewAddress());
        var api = new ArenaApi(session);
        var first = (await api.StartBattleAsync("Name a colour.")).Battle;
        await api.ReadEventsAsync(first.Events);
        await api.VoteAsync(first.BattleId, "a");
        var second = (await api.StartBattleAsync("Name a fruit.")).Battle;
        await api.ReadEventsAsync(second.Events);

        var problem = await Refusals.RefusedAsync(session, Refusals.Request("POST", $"/api/battles/{second.BattleId}/vote", """{"winner": "b"}"""));

        Assert.StartsWith("This session has cast 1 vote today, the most a session may cast in a day (UTC). Try again in ", problem.Detail, StringComparison.Ordinal);
        Assert.Equal("ready_to_vote", (await api.GetBattleAsync(second.BattleId)).Battle.Status);
    }

    [Fact]
    public async Task Vote_RefusedByTheBattle_DoesNotCountTowardsTheCap()
    {
        using var session = await fixture.Arena.SessionAsync(TestLimits.NewAddress());
        var api = new ArenaApi(session);
        // A vote on a battle that does not exist is refused (404) and must not use up the day's one vote.
        using (var unknown = await session.PostAsJsonAsync($"/api/battles/{Guid.NewGuid()}/vote", new { winner = "a" }))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        var battle = (await api.StartBattleAsync("Name a river.")).Battle;
        await api.ReadEventsAsync(battle.Events);
        await api.VoteAsync(battle.BattleId, "tie");
    }
}
