using Arena.Assistant;

namespace Arena.Grains.Tests.Assistant;

public sealed class RoundLimitTests(OneRoundAssistantFixture fixture) : IClassFixture<OneRoundAssistantFixture>
{
    [Fact]
    public async Task AskAsync_ModelStillCallingToolsAtTheLimit_FailsSayingTheLimitWasReached()
    {
        var (id, session) = (Guid.NewGuid(), Guid.NewGuid().ToString("N"));
        var grain = fixture.Client.GetGrain<IAssistantGrain>(id);
        await using var watcher = await AssistantWatcher.StartAsync(fixture.Client, id);

        await grain.AskAsync(new AssistantRequest(session, "Show me the leaderboard", "arena_info"));
        await watcher.Done;

        var turn = Assert.Single((await grain.GetAsync(session)).Turns);
        Assert.Equal(AssistantStatus.Failed, turn.Status);
        Assert.Contains("limit of 1 model round", turn.Error);
        Assert.Contains("MaxSteps", turn.Error);
        var step = Assert.Single(turn.Steps);
        Assert.Equal("get_leaderboard", step.Tool);
        Assert.NotNull(step.Result);
        var end = watcher.Events[^1];
        Assert.Equal(AssistantEventKind.TurnError, end.Kind);
        Assert.Equal(turn.Error, end.Text);
    }
}
