using System.Net;
using System.Text;
using Arena.Web.Tests.Api;

namespace Arena.Web.Tests.Assistant;

public sealed class AssistantEndpointTests(AssistantHostFixture fixture) : IClassFixture<AssistantHostFixture>
{
    [Fact]
    public async Task Events_LeaderboardQuestion_ToolCallResultTokensThenTurnDone()
    {
        var assistant = new AssistantApi(fixture.Factory.CreateSessionClient());
        var id = Guid.NewGuid();
        using var started = await assistant.AskAsync(id, "Show me the leaderboard");
        Assert.Equal("running", started.RootElement.GetProperty("status").GetString());

        var events = await assistant.ReadEventsAsync(id);

        Assert.Equal("turn_done", events[^1].Type);
        var call = events.First(e => e.Type == "tool_call");
        var result = events.First(e => e.Type == "tool_result");
        Assert.True(events.IndexOf(call) < events.IndexOf(result));
        var callStep = AssistantApi.Data(call).GetProperty("step");
        var resultStep = AssistantApi.Data(result).GetProperty("step");
        Assert.Equal("get_leaderboard", callStep.GetProperty("tool").GetString());
        Assert.Equal(JsonValueKindNull, callStep.GetProperty("result").ValueKind);
        Assert.False(resultStep.GetProperty("isError").GetBoolean());
        Assert.Contains("total_votes", resultStep.GetProperty("result").GetString());
        var text = TextOf(events);

        using var snapshot = await assistant.GetAsync(id);
        var turn = snapshot.RootElement.GetProperty("turns")[0];
        Assert.Equal("done", snapshot.RootElement.GetProperty("status").GetString());
        Assert.Equal("sim-assistant", snapshot.RootElement.GetProperty("model").GetString());
        Assert.Equal(text, turn.GetProperty("text").GetString());
        Assert.NotEmpty(text);
        Assert.Equal("get_leaderboard", turn.GetProperty("steps")[0].GetProperty("tool").GetString());
        Assert.Equal(resultStep.GetProperty("callId").GetString(), turn.GetProperty("steps")[0].GetProperty("callId").GetString());

        // A watcher arriving after the end gets the whole turn again from the transcript.
        var replay = await assistant.ReadEventsAsync(id);
        Assert.Equal(["tool_call", "tool_result", "token", "turn_done"], replay.Select(e => e.Type).Take(4));
        Assert.Equal(text, TextOf(replay));
    }

    [Fact]
    public async Task Calls_FromAnotherSession_403AndNothingChanges()
    {
        var owner = new AssistantApi(fixture.Factory.CreateSessionClient());
        var id = Guid.NewGuid();
        (await owner.AskAsync(id, "Tell me a joke")).Dispose();
        await owner.ReadEventsAsync(id);
        var other = new AssistantApi(fixture.Factory.CreateSessionClient());

        await ArenaApi.ExpectProblemAsync(other.Api.Http.GetAsync($"/api/assistant/{id}"), HttpStatusCode.Forbidden);
        await ArenaApi.ExpectProblemAsync(other.Api.Http.GetAsync($"/api/assistant/{id}/events"), HttpStatusCode.Forbidden);
        await ArenaApi.ExpectProblemAsync(other.Api.Http.PostAsync($"/api/assistant/{id}/stop", null), HttpStatusCode.Forbidden);
        await ArenaApi.ExpectProblemAsync(other.SendAsync(id, """{"message": "hi"}"""), HttpStatusCode.Forbidden);

        using var snapshot = await owner.GetAsync(id);
        Assert.Equal(1, snapshot.RootElement.GetProperty("turns").GetArrayLength());
        Assert.Equal("done", snapshot.RootElement.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("GET", "/api/assistant/{0}")]
    [InlineData("GET", "/api/assistant/{0}/events")]
    [InlineData("POST", "/api/assistant/{0}/stop")]
    public async Task Calls_UnknownOrMalformedId_404(string method, string path)
    {
        var http = fixture.Factory.CreateSessionClient();
        foreach (var id in new[] { Guid.NewGuid().ToString(), "not-a-guid" })
        {
            var problem = await ArenaApi.ExpectProblemAsync(
                http.SendAsync(new HttpRequestMessage(new HttpMethod(method), string.Format(System.Globalization.CultureInfo.InvariantCulture, path, id))),
                HttpStatusCode.NotFound);
            Assert.Contains("conversation", problem.Detail);
        }
    }

    [Theory]
    [InlineData("""{"message": ""}""", "empty")]
    [InlineData("""{"message": "   "}""", "empty")]
    [InlineData("""{"category": "math"}""", "empty")]
    [InlineData("""{"message": """, "not valid JSON")]
    public async Task Messages_BadBody_400AndNoConversation(string body, string detail)
    {
        var assistant = new AssistantApi(fixture.Factory.CreateSessionClient());
        var id = Guid.NewGuid();

        var problem = await ArenaApi.ExpectProblemAsync(assistant.SendAsync(id, body), HttpStatusCode.BadRequest);

        Assert.Contains(detail, problem.Detail);
        await ArenaApi.ExpectProblemAsync(assistant.Api.Http.GetAsync($"/api/assistant/{id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Stop_AfterTurnDone_ChangesNothing()
    {
        var assistant = new AssistantApi(fixture.Factory.CreateSessionClient());
        var id = Guid.NewGuid();
        (await assistant.AskAsync(id, "Tell me a joke")).Dispose();
        await assistant.ReadEventsAsync(id);
        using var before = await assistant.GetAsync(id);

        using var stopped = await assistant.StopAsync(id);

        Assert.Equal("done", stopped.RootElement.GetProperty("status").GetString());
        Assert.Equal(before.RootElement.GetRawText(), stopped.RootElement.GetRawText());
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    private static string TextOf(List<BattleSseEvent> events)
    {
        var text = new StringBuilder();
        foreach (var e in events.Where(e => e.Type == "token"))
        {
            var data = AssistantApi.Data(e);
            Assert.Equal(0, data.GetProperty("turn").GetInt32());
            Assert.Equal(text.Length, data.GetProperty("offset").GetInt32());
            text.Append(data.GetProperty("text").GetString());
        }

        return text.ToString();
    }
}
