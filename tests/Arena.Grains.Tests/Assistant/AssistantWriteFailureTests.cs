using Arena.Assistant;

namespace Arena.Grains.Tests.Assistant;

/// <summary>
/// The assistant's state writes are retried like a battle's: a write that fails once (a database restart) costs the
/// user nothing, and a message whose write keeps failing is refused as Unavailable with nothing kept.
/// </summary>
[Collection(FaultyStorageAssistantCollection.Name)]
public sealed class AssistantWriteFailureTests(FaultyStorageAssistantFixture fixture)
{
    [Fact]
    public async Task Ask_WhoseFirstWriteFailsOnce_IsRetried_AndTheTurnAnswers()
    {
        var (id, session) = (Guid.NewGuid(), Guid.NewGuid().ToString("N"));
        var grain = fixture.Client.GetGrain<IAssistantGrain>(id);
        fixture.Faults.Arm(id, passing: 0, failing: 1);
        await using var watcher = await AssistantWatcher.StartAsync(fixture.Client, id);

        await grain.AskAsync(new AssistantRequest(session, "Show me the leaderboard", "arena_info"));
        await watcher.Done;

        Assert.Equal(1, fixture.Faults.Failed(id));
        var turn = Assert.Single((await grain.GetAsync(session)).Turns);
        Assert.Equal(AssistantStatus.Done, turn.Status);
        Assert.NotEmpty(turn.Text);
    }

    [Fact]
    public async Task Ask_WhoseWriteKeepsFailing_IsRefusedAsUnavailable_AndKeepsNothing()
    {
        var (id, session) = (Guid.NewGuid(), Guid.NewGuid().ToString("N"));
        var grain = fixture.Client.GetGrain<IAssistantGrain>(id);
        fixture.Faults.Arm(id, passing: 0, failing: int.MaxValue);

        var refused = await Assert.ThrowsAsync<ArenaException>(() => grain.AskAsync(new AssistantRequest(session, "Show me the leaderboard", "arena_info")));

        Assert.Equal(ArenaErrorKind.Unavailable, refused.Kind);
        Assert.NotNull(refused.RetryAfter);
        Assert.Equal(FaultyStorageAssistantFixture.WriteAttempts, fixture.Faults.Failed(id));
        await Assert.ThrowsAsync<ArenaException>(() => grain.GetAsync(session)); // no conversation was kept
    }
}
