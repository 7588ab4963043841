using System.Globalization;
using System.Text.Json;
using Arena.Routing;
using Arena.Web.Tests.Api;
using Arena.Web.Tests.Assistant;
using Arena.Web.Tests.Datasets;

namespace Arena.Web.Tests.Chat;

/// <summary>
/// <c>POST /api/chat</c> on the assistant path, against the embedded simulator's tool-calling <c>sim-assistant</c>:
/// a question about an uploaded CSV answered with <c>group_by</c>, workflow stickiness and its end, and the user's
/// override to the arena while a dataset is loaded.
/// </summary>
public sealed class ChatAssistantTests(AssistantHostFixture fixture) : IClassFixture<AssistantHostFixture>
{
    private const string DataAnalysis = "data_analysis";

    private const string Sales = """
        region,product,price,units
        North,widget,10,3
        South,gadget,7.5,1
        North,gizmo,12.5,2
        East,widget,20,5
        South,widget,8,4
        East,gadget,31.25,2
        South,gizmo,11,1
        West,widget,9.99,7
        """;

    private (ChatApi Chat, DatasetClient Datasets) NewSession()
    {
        var http = fixture.Factory.CreateSessionClient();
        return (new ChatApi(new ArenaApi(http)), new DatasetClient(http));
    }

    [Fact]
    public async Task Chat_QuestionAboutUploadedCsv_AssistantGroupsByRegion_AndAnswersWithTheCsvsMeans()
    {
        var (chat, datasets) = NewSession();
        await datasets.UploadOkAsync("sales.csv", Sales);
        var expected = MeanPriceByRegion(Sales);

        var (reply, body) = await chat.SendAsync("What is the average price by region?");
        var events = await chat.Api.ReadEventsAsync(reply.Events);
        var snapshot = await chat.GetJsonAsync($"/api/assistant/{reply.ConversationId}");

        Assert.Equal((Routes.Assistant, DataAnalysis, false), (reply.Route, reply.Category, reply.Overridden));
        Assert.Equal("session context: a dataset is loaded", reply.Reason);
        Assert.Equal(0, reply.Turn);
        Assert.Equal($"/api/assistant/{reply.ConversationId}/events", reply.Events);
        Assert.DoesNotContain("battle_id", body, StringComparison.Ordinal);
        Assert.Equal("turn_done", events[^1].Type);
        Assert.Contains(events, e => e.Type == "tool_call");

        var turn = snapshot.GetProperty("turns")[0];
        Assert.Equal("done", turn.GetProperty("status").GetString());
        var step = turn.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("tool").GetString() == "group_by");
        Assert.False(step.GetProperty("is_error").GetBoolean());
        using var arguments = JsonDocument.Parse(step.GetProperty("arguments").GetString()!);
        Assert.Equal("region", arguments.RootElement.GetProperty("by").GetString());
        Assert.Equal("price", arguments.RootElement.GetProperty("column").GetString());
        Assert.Equal("mean", arguments.RootElement.GetProperty("agg").GetString());
        using var result = JsonDocument.Parse(step.GetProperty("result").GetString()!);
        var groups = result.RootElement.GetProperty("groups").EnumerateArray()
            .ToDictionary(g => g.GetProperty("key").GetString()!, g => g.GetProperty("value").GetDouble());
        Assert.Equal(expected.Count, groups.Count);
        foreach (var (region, mean) in expected)
        {
            Assert.Equal(mean, groups[region], precision: 4);
        }

        var text = turn.GetProperty("text").GetString()!;
        Assert.Equal(text, string.Concat(events.Where(e => e.Type == "token").Select(e => AssistantApi.Data(e).GetProperty("text").GetString())));
        foreach (var (region, mean) in expected)
        {
            Assert.Contains(region, text, StringComparison.Ordinal);
            Assert.Contains(Math.Round(mean, 4).ToString(CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Chat_WorkflowActive_VagueFollowUpStaysWithTheConversation_AndAfterEndingIt_AGeneralQuestionIsABattle()
    {
        var (chat, _) = NewSession();

        var (first, _) = await chat.SendAsync("show me the leaderboard");
        Assert.Equal("turn_done", (await chat.Api.ReadEventsAsync(first.Events))[^1].Type);
        var (followUp, _) = await chat.SendAsync("and what about the second one?");
        Assert.Equal("turn_done", (await chat.Api.ReadEventsAsync(followUp.Events))[^1].Type);
        var snapshot = await chat.GetJsonAsync($"/api/assistant/{first.ConversationId}");

        using var end = await chat.Api.Http.PostAsync("/api/sessions/me/workflow/end", null);
        var (general, _) = await chat.SendAsync("Write a haiku about autumn leaves falling.");

        Assert.Equal((Routes.Assistant, "arena_info"), (first.Route, first.Category));
        Assert.Equal(Routes.Assistant, followUp.Route);
        Assert.Equal("session context: a workflow is active", followUp.Reason);
        Assert.Equal(first.ConversationId, followUp.ConversationId);
        Assert.Equal((0, 1), (first.Turn, followUp.Turn));
        Assert.Equal(["show me the leaderboard", "and what about the second one?"],
            snapshot.GetProperty("turns").EnumerateArray().Select(t => t.GetProperty("prompt").GetString()));
        Assert.Equal(System.Net.HttpStatusCode.NoContent, end.StatusCode);
        Assert.Equal(Routes.Arena, general.Route);
        Assert.NotNull(general.BattleId);
        Assert.Null(general.ConversationId);
        await chat.Api.WaitUntilFinishedAsync(new StartedBattle(general.BattleId!, general.Events));
    }

    [Fact]
    public async Task Chat_ForceArena_WithAnUploadedDataset_StartsABattleCountedAsAnOverride()
    {
        var (chat, datasets) = NewSession();
        await datasets.UploadOkAsync("sales.csv", Sales);
        var before = await chat.GetOperatorJsonAsync("/api/stats/routing");

        var (reply, _) = await chat.SendAsync("What is the average price by region?", route: "arena");
        var after = await chat.GetOperatorJsonAsync("/api/stats/routing");
        var battle = await chat.Api.WaitUntilFinishedAsync(new StartedBattle(reply.BattleId!, reply.Events));

        Assert.Equal((Routes.Arena, true), (reply.Route, reply.Overridden));
        Assert.Equal("sent to the arena by the user", reply.Reason);
        Assert.Null(reply.ConversationId);
        Assert.Equal("ready_to_vote", battle.Status);
        Assert.Equal(before.GetProperty("overrides").GetInt64() + 1, after.GetProperty("overrides").GetInt64());
        Assert.Equal(Count(before, Routes.Arena) + 1, Count(after, Routes.Arena));
        Assert.Equal(["sales"], await datasets.NamesAsync());
    }

    /// <summary>The mean price per region, computed here from the CSV text.</summary>
    private static Dictionary<string, double> MeanPriceByRegion(string csv) =>
        csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Skip(1)
            .Select(line => line.Split(','))
            .GroupBy(cells => cells[0], cells => double.Parse(cells[2], CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => g.Sum() / g.Count());

    private static long Count(JsonElement stats, string route) =>
        stats.GetProperty("routes").EnumerateArray()
            .Where(r => r.GetProperty("route").GetString() == route)
            .Select(r => r.GetProperty("count").GetInt64())
            .SingleOrDefault();
}
