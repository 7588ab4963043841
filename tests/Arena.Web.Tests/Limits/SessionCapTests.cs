using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Arena.Web.Tests.Api;

namespace Arena.Web.Tests.Limits;

/// <summary>The per-session caps, enforced by the grains: open battles at once, regenerates per turn, assistant turns per conversation.</summary>
[Collection(SlowLimitsCollection.Name)]
public sealed class SessionCapTests(SlowLimitsFixture fixture)
{
    [Fact]
    public async Task StartBattle_WhileTheCapOfOpenBattlesIsAnswering_Is429AndStartsNothing()
    {
        using var session = await fixture.Arena.SessionAsync(TestLimits.NewAddress());
        await EventStreamLimitTests.StartBattleAsync(session);

        var problem = await Refusals.RefusedAsync(session, Refusals.Request("POST", "/api/battles", """{"prompt": "Another one"}"""));

        Assert.Equal("This session has 1 battle still answering, the most it may have at once. Wait for one to finish (or stop it), then try again.", problem.Detail);
        using var history = await session.GetAsync("/api/sessions/me/battles");
        Assert.Single(ArenaApi.Parse<JsonElement>(await history.Content.ReadAsStringAsync()).GetProperty("battles").EnumerateArray());
    }

    [Fact]
    public async Task StartBattle_AfterTheOpenBattleIsStopped_IsAccepted()
    {
        using var session = await fixture.Arena.SessionAsync(TestLimits.NewAddress());
        var events = await EventStreamLimitTests.StartBattleAsync(session);
        await ExpectOkAsync(session.PostAsync(events.Replace("/events", "/stop", StringComparison.Ordinal), null));

        await EventStreamLimitTests.StartBattleAsync(session);
    }

    [Fact]
    public async Task Regenerate_PastTheCapPerTurn_Is429WithoutRetryAfter()
    {
        using var session = await fixture.Arena.SessionAsync(TestLimits.NewAddress());
        var battle = (await EventStreamLimitTests.StartBattleAsync(session)).Replace("/events", "", StringComparison.Ordinal);
        await ExpectOkAsync(session.PostAsync($"{battle}/stop", null));
        await ExpectOkAsync(session.PostAsync($"{battle}/regenerate", null));
        await ExpectOkAsync(session.PostAsync($"{battle}/stop", null));

        // The rate limit allows this second regenerate; the cap of one per turn refuses it. Waiting will not help.
        var problem = await Refusals.RefusedAsync(session, Refusals.Request("POST", $"{battle}/regenerate"), retry: false);

        Assert.StartsWith("This prompt has been regenerated 1 time, the most a turn may be.", problem.Detail, StringComparison.Ordinal);
        using var snapshot = await session.GetAsync(battle);
        Assert.Equal(2, ArenaApi.Parse<JsonElement>(await snapshot.Content.ReadAsStringAsync()).GetProperty("turns").GetArrayLength());
    }

    [Fact]
    public async Task AssistantMessage_PastTheCapPerConversation_Is429()
    {
        using var session = await fixture.Arena.SessionAsync(TestLimits.NewAddress());
        var conversation = $"/api/assistant/{Guid.NewGuid()}";
        using (var asked = await session.PostAsJsonAsync($"{conversation}/messages", new { message = "What is on the leaderboard?" }))
        {
            Assert.True(asked.StatusCode == HttpStatusCode.Accepted, await asked.Content.ReadAsStringAsync());
        }

        var problem = await Refusals.RefusedAsync(session, Refusals.Request("POST", $"{conversation}/messages", """{"message": "And the runner-up?"}"""), retry: false);

        Assert.StartsWith("This conversation holds 1 message, the most one may hold.", problem.Detail, StringComparison.Ordinal);
    }

    private static async Task ExpectOkAsync(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
