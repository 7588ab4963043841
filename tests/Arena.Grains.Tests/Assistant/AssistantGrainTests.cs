using System.Text.Json;
using Arena.Assistant;
using Arena.Ratings;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Arena.Grains.Tests.Assistant;

[Collection(AssistantCollection.Name)]
public sealed class AssistantGrainTests(AssistantFixture fixture)
{
    private static string NewSession() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task AskAsync_LeaderboardQuestion_CallsGetLeaderboardThenAnswers()
    {
        var (id, session) = (Guid.NewGuid(), NewSession());
        var grain = fixture.Client.GetGrain<IAssistantGrain>(id);
        await using var watcher = await AssistantWatcher.StartAsync(fixture.Client, id);

        var started = await grain.AskAsync(new AssistantRequest(session, "Show me the leaderboard", "arena_info"));
        Assert.Equal(AssistantStatus.Running, started.Status);
        Assert.Equal("sim-assistant", started.Model);
        await watcher.Done;

        var snapshot = await grain.GetAsync(session);
        var turn = Assert.Single(snapshot.Turns);
        Assert.Equal(AssistantStatus.Done, turn.Status);
        Assert.Equal("Show me the leaderboard", turn.Prompt);
        Assert.Equal("arena_info", turn.Category);
        Assert.Null(turn.Error);
        Assert.NotNull(turn.DurationMs);
        var step = turn.Steps[0];
        Assert.Equal("get_leaderboard", step.Tool);
        Assert.False(step.IsError);
        Assert.False(string.IsNullOrEmpty(step.CallId));
        using (var result = JsonDocument.Parse(step.Result!))
        {
            var board = await fixture.Client.GetGrain<ILeaderboardGrain>(0).GetAsync();
            Assert.Equal(board.TotalVotes, result.RootElement.GetProperty("total_votes").GetInt64());
            Assert.Equal("overall", result.RootElement.GetProperty("category").GetString());
        }

        // The answer came from a second model round, after the tool's result.
        Assert.NotEmpty(turn.Text);
        Assert.Equal(turn.Text, watcher.TextOf(0));
        var events = watcher.Events;
        var call = events.Single(e => e.Kind == AssistantEventKind.ToolCall && e.Step!.Index == 0);
        var done = events.Single(e => e.Kind == AssistantEventKind.ToolResult && e.Step!.Index == 0);
        Assert.Null(call.Step!.Result);
        Assert.Equal(step, done.Step);
        Assert.True(events.ToList().IndexOf(call) < events.ToList().IndexOf(done));
        Assert.Equal(AssistantEventKind.TurnDone, events[^1].Kind);
    }

    [Fact]
    public async Task AskAsync_ToolThrowsToolException_ErrorGoesBackToModelAndTurnContinues()
    {
        var (id, session) = (Guid.NewGuid(), NewSession());
        var grain = fixture.Client.GetGrain<IAssistantGrain>(id);
        await using var watcher = await AssistantWatcher.StartAsync(fixture.Client, id);

        await grain.AskAsync(new AssistantRequest(session, "Please calibrate the gauge", "general"));
        await watcher.Done;

        var turn = Assert.Single((await grain.GetAsync(session)).Turns);
        var step = turn.Steps[0];
        Assert.Equal("calibrate_gauge", step.Tool);
        Assert.True(step.IsError);
        using var result = JsonDocument.Parse(step.Result!);
        Assert.Equal(BrokenGaugeTool.Refusal, result.RootElement.GetProperty("error").GetString());
        Assert.Contains(watcher.Events, e => e.Kind == AssistantEventKind.ToolResult && e.Step is { IsError: true });

        // The loop went on: the model read the error and answered.
        Assert.Equal(AssistantStatus.Done, turn.Status);
        Assert.NotEmpty(turn.Text);
    }

    [Fact]
    public async Task AskAsync_WhileTurnRuns_ConflictThenStopCancelsTheToolAndKeepsTheTurn()
    {
        fixture.Gate.Reset();
        var (id, session) = (Guid.NewGuid(), NewSession());
        var grain = fixture.Client.GetGrain<IAssistantGrain>(id);
        await using var watcher = await AssistantWatcher.StartAsync(fixture.Client, id);
        await grain.AskAsync(new AssistantRequest(session, "Wait for the signal", "general"));
        await fixture.Gate.Entered.WaitAsync(TimeSpan.FromSeconds(60));

        var conflict = await Assert.ThrowsAsync<ArenaException>(() => grain.AskAsync(new AssistantRequest(session, "Hello again", "general")));
        Assert.Equal(ArenaErrorKind.Conflict, conflict.Kind);
        var running = await grain.GetAsync(session);
        Assert.Equal(AssistantStatus.Running, running.Status);
        Assert.Single(running.Turns);
        Assert.Equal("wait_for_signal", Assert.Single(running.Turns[0].Steps).Tool);

        var stopped = await grain.StopAsync(session);

        Assert.Equal(AssistantStatus.Stopped, stopped.Status);
        await fixture.Gate.Cancelled.WaitAsync(TimeSpan.FromSeconds(60));
        await watcher.Done;
        Assert.Equal(AssistantEventKind.TurnDone, watcher.Events[^1].Kind);
        var after = await grain.GetAsync(session);
        Assert.Equal(AssistantStatus.Stopped, after.Status);
        var cut = Assert.Single(after.Turns[0].Steps);
        Assert.True(cut.IsError);
        Assert.Contains("Stopped by the user", cut.Result, StringComparison.Ordinal);

        // Stopping twice changes nothing, and the conversation takes a new message.
        Assert.Equal(AssistantStatus.Stopped, (await grain.StopAsync(session)).Status);
        var next = await grain.AskAsync(new AssistantRequest(session, "Show me the leaderboard", "general"));
        Assert.Equal(2, next.Turns.Count);
        Assert.Equal(AssistantStatus.Running, next.Status);
    }

    [Fact]
    public async Task Calls_FromAnotherSession_Forbidden()
    {
        var (id, session) = (Guid.NewGuid(), NewSession());
        var grain = fixture.Client.GetGrain<IAssistantGrain>(id);
        await using var watcher = await AssistantWatcher.StartAsync(fixture.Client, id);
        await grain.AskAsync(new AssistantRequest(session, "Tell me a joke", "general"));
        await watcher.Done;
        var before = await grain.GetAsync(session);

        foreach (var call in new Func<Task>[]
        {
            () => grain.GetAsync("intruder"),
            () => grain.StopAsync("intruder"),
            () => grain.AskAsync(new AssistantRequest("intruder", "Hi", "general")),
        })
        {
            var refused = await Assert.ThrowsAsync<ArenaException>(call);
            Assert.Equal(ArenaErrorKind.Forbidden, refused.Kind);
        }

        var after = await grain.GetAsync(session);
        Assert.Equal(before.Turns.Count, after.Turns.Count);
        Assert.Equal(before.Status, after.Status);
    }

    [Fact]
    public async Task GetAndStop_UnknownConversation_NotFound()
    {
        var grain = fixture.Client.GetGrain<IAssistantGrain>(Guid.NewGuid());

        Assert.Equal(ArenaErrorKind.NotFound, (await Assert.ThrowsAsync<ArenaException>(() => grain.GetAsync("s"))).Kind);
        Assert.Equal(ArenaErrorKind.NotFound, (await Assert.ThrowsAsync<ArenaException>(() => grain.StopAsync("s"))).Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task AskAsync_EmptyMessage_InvalidAndNothingStarts(string? message)
    {
        var grain = fixture.Client.GetGrain<IAssistantGrain>(Guid.NewGuid());

        var refused = await Assert.ThrowsAsync<ArenaException>(() => grain.AskAsync(new AssistantRequest("s", message!, "general")));

        Assert.Equal(ArenaErrorKind.Invalid, refused.Kind);
        Assert.Equal(ArenaErrorKind.NotFound, (await Assert.ThrowsAsync<ArenaException>(() => grain.GetAsync("s"))).Kind);
    }

    [Fact]
    public async Task AskAsync_TooLong_InvalidNamingTheLimit()
    {
        var grain = fixture.Client.GetGrain<IAssistantGrain>(Guid.NewGuid());

        var refused = await Assert.ThrowsAsync<ArenaException>(() =>
            grain.AskAsync(new AssistantRequest("s", new string('x', AssistantClusterFixture.MaxMessageChars + 1), "general")));

        Assert.Equal(ArenaErrorKind.Invalid, refused.Kind);
        Assert.Contains(AssistantClusterFixture.MaxMessageChars.ToString(System.Globalization.CultureInfo.InvariantCulture), refused.Message);
    }

    [Fact]
    public async Task Activation_TurnLeftRunning_FailsWithInterruptedMessageAndKeepsText()
    {
        var id = Guid.NewGuid();
        var grain = fixture.Client.GetGrain<IAssistantGrain>(id);
        var storage = fixture.SiloServices.GetRequiredKeyedService<IGrainStorage>(ArenaNames.Storage);
        var stored = new AssistantState
        {
            SessionId = "owner",
            Model = "sim-assistant",
            Turns = [new AssistantTurnState { Prompt = "Show me the leaderboard", Status = AssistantStatus.Running, Text = "Half an ans" }],
        };
        await storage.WriteStateAsync("assistant", grain.GetGrainId(), new GrainState<AssistantState>(stored));

        var snapshot = await grain.GetAsync("owner");

        var turn = Assert.Single(snapshot.Turns);
        Assert.Equal(AssistantStatus.Failed, turn.Status);
        Assert.Equal(AssistantGrain.InterruptedMessage, turn.Error);
        Assert.Equal("Half an ans", turn.Text);
    }
}
