using System.Net;
using System.Text.Json;
using Arena.Routing;
using Arena.Sessions;
using Arena.Web.Tests.Api;
using Arena.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Arena.Web.Tests.Chat;

/// <summary><c>POST /api/chat</c> on the arena path, overrides, bad bodies, the workflow, and <c>POST /api/battles</c>'s category.</summary>
[Collection(ArenaCollection.Name)]
public sealed class ChatEndpointTests(ArenaFixture fixture)
{
    private IClusterClient Cluster => fixture.Factory.Services.GetRequiredService<IClusterClient>();

    private (ChatApi Chat, string SessionId) NewSession()
    {
        var sessionId = Guid.NewGuid().ToString("N");
        return (new ChatApi(new ArenaApi(fixture.Factory.CreateSessionClient(sessionId))), sessionId);
    }

    [Fact]
    public async Task Chat_GeneralMessage_StartsABattleFiledUnderItsCategory_AndTheVoteCountsThere()
    {
        var (chat, _) = NewSession();

        var (reply, body) = await chat.SendAsync("Write a short poem about a lighthouse keeper and the sea.");
        var battle = await chat.Api.WaitUntilFinishedAsync(new StartedBattle(reply.BattleId!, reply.Events));
        var (reveal, _) = await chat.Api.VoteAsync(reply.BattleId!, "a");
        var leaderboard = await chat.GetJsonAsync($"/api/leaderboard?category={RouteCategories.CreativeWriting}");

        Assert.Equal((Routes.Arena, RouteCategories.CreativeWriting, false), (reply.Route, reply.Category, reply.Overridden));
        Assert.InRange(reply.Confidence, 0.5, 1.0);
        Assert.Contains("nearest examples", reply.Reason, StringComparison.Ordinal);
        Assert.Equal($"/api/battles/{reply.BattleId}/events", reply.Events);
        Assert.Contains("\"battle_id\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("conversation_id", body, StringComparison.Ordinal);
        Assert.Equal("ready_to_vote", battle.Status);
        var models = leaderboard.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("model").GetString()).ToList();
        Assert.Contains(reveal.A.Model, models);
        Assert.Contains(reveal.B.Model, models);
    }

    [Fact]
    public async Task Chat_ForceArena_WithADatasetLoaded_GoesToTheArenaAsAnOverrideAndEndsTheWorkflow()
    {
        var (chat, sessionId) = NewSession();
        var session = Cluster.GetGrain<ISessionGrain>(sessionId);
        await session.AddDatasetAsync(new DatasetInfo(Guid.NewGuid(), "sales.csv", 10, 1, [new DatasetColumn("amount", ColumnType.Number, 0)], DateTimeOffset.UtcNow));
        await session.ContinueWorkflowAsync();
        var statsBefore = await chat.GetOperatorJsonAsync("/api/stats/routing");

        var (reply, _) = await chat.SendAsync("Write a haiku about autumn leaves falling.", route: "arena");
        var context = await session.GetContextAsync();
        var statsAfter = await chat.GetOperatorJsonAsync("/api/stats/routing");

        Assert.Equal((Routes.Arena, RouteCategories.CreativeWriting, true), (reply.Route, reply.Category, reply.Overridden));
        Assert.Equal("sent to the arena by the user", reply.Reason);
        Assert.NotNull(reply.BattleId);
        Assert.Null(context.Conversation);
        Assert.True(context.DataLoaded);
        Assert.True(statsAfter.GetProperty("overrides").GetInt64() > statsBefore.GetProperty("overrides").GetInt64());
        await chat.Api.WaitUntilFinishedAsync(new StartedBattle(reply.BattleId!, reply.Events));
    }

    [Theory]
    [InlineData("""{"message": "   "}""")]
    [InlineData("""{"route": "arena"}""")]
    [InlineData("""{"message": """)]
    [InlineData("""[1, 2]""")]
    [InlineData("""{"message": "hello there", "route": "assistant"}""")]
    [InlineData("""{"message": "hello there", "route": "somewhere"}""")]
    public async Task Chat_EmptyMalformedOrUnknownRoute_Returns400AndStartsNothing(string body)
    {
        var (chat, _) = NewSession();

        await ArenaApi.ExpectProblemAsync(chat.Api.PostJsonAsync("/api/chat", body), HttpStatusCode.BadRequest);

        Assert.Empty((await chat.Api.GetHistoryAsync()).Battles);
    }

    [Fact]
    public async Task Chat_OversizedMessage_Returns400SayingTheLimit()
    {
        var (chat, _) = NewSession();

        var problem = await ArenaApi.ExpectProblemAsync(chat.PostAsync(new { message = new string('x', ArenaHost.MaxPromptChars + 1) }), HttpStatusCode.BadRequest);

        Assert.Contains($"limit is {ArenaHost.MaxPromptChars}", problem.Detail, StringComparison.Ordinal);
        Assert.Empty((await chat.Api.GetHistoryAsync()).Battles);
    }

    [Fact]
    public async Task Chat_NotJson_Returns400()
    {
        var (chat, _) = NewSession();

        await ArenaApi.ExpectProblemAsync(
            chat.Api.Http.PostAsync("/api/chat", new StringContent("message=hello", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded")),
            HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("POST", "/api/sessions/me/workflow/end")]
    [InlineData("DELETE", "/api/sessions/me/workflow")]
    public async Task EndWorkflow_ActiveWorkflow_EndsIt(string method, string path)
    {
        var (chat, sessionId) = NewSession();
        var session = Cluster.GetGrain<ISessionGrain>(sessionId);
        await session.ContinueWorkflowAsync();

        using var response = await chat.Api.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Null((await session.GetContextAsync()).Conversation);
    }

    [Fact]
    public async Task StartBattle_Directly_FilesTheBattleUnderThePromptsCategory()
    {
        var (chat, _) = NewSession();

        var (started, _) = await chat.Api.StartBattleAsync("How do I reverse a linked list in Java?");

        // The start does not wait for the classifier; the battle is filed under the category once it is known.
        await Eventually.TrueAsync(
            async () => (await chat.GetJsonAsync($"/api/battles/{started.BattleId}")).GetProperty("category").GetString() == RouteCategories.Coding,
            "the battle to be filed under coding");

        await chat.Api.WaitUntilFinishedAsync(started);
    }

    [Fact]
    public async Task RoutingStats_AfterChats_CountRoutesAndCategories_AndMetricsShowThem()
    {
        var (chat, _) = NewSession();
        var before = await chat.GetOperatorJsonAsync("/api/stats/routing");

        var (reply, _) = await chat.SendAsync("How do I become a morning person?");
        var after = await chat.GetOperatorJsonAsync("/api/stats/routing");
        // The decision is counted before the chat answers, and the exporter keeps no scrape cache: one scrape shows it.
        using var scrape = await chat.Api.Http.GetAsOperatorAsync("/metrics");
        var (status, text) = (scrape.StatusCode, await scrape.Content.ReadAsStringAsync());

        Assert.Equal(before.GetProperty("total").GetInt64() + 1, after.GetProperty("total").GetInt64());
        var advice = after.GetProperty("categories").EnumerateArray()
            .Single(c => c.GetProperty("route").GetString() == Routes.Arena && c.GetProperty("category").GetString() == reply.Category);
        Assert.True(advice.GetProperty("count").GetInt64() >= 1);
        Assert.InRange(advice.GetProperty("mean_confidence").GetDouble(), 0, 1);
        Assert.Equal(10, advice.GetProperty("confidence_histogram").GetArrayLength());
        Assert.Equal(10, after.GetProperty("confidence_histogram").GetArrayLength());
        Assert.True(after.GetProperty("days").GetArrayLength() >= 1);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(text.Contains("arena_router_decisions_total{", StringComparison.Ordinal), "no router decisions in /metrics:\n" + text);
        Assert.Contains($"category=\"{reply.Category}\"", text, StringComparison.Ordinal);
        Assert.Contains("arena_router_confidence_bucket{", text, StringComparison.Ordinal);
        await chat.Api.WaitUntilFinishedAsync(new StartedBattle(reply.BattleId!, reply.Events));
    }
}

/// <summary>The router's category names, as the API spells them.</summary>
internal static class RouteCategories
{
    public const string Coding = "coding";
    public const string CreativeWriting = "creative_writing";
}
