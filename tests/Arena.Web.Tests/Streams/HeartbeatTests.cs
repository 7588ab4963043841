using Arena.Battles;
using Arena.Web.Tests.Api;
using Arena.Web.Tests.Assistant;

namespace Arena.Web.Tests.Streams;

/// <summary>Event streams open with a <c>retry:</c> hint and carry <c>: heartbeat</c> comments while silent.</summary>
[Collection(StreamsCollection.Name)]
public sealed class HeartbeatTests(StreamsFixture fixture)
{
    [Fact]
    public async Task BattleEvents_Open_FirstFieldIsTheRetryHint()
    {
        var api = new ArenaApi(fixture.Factory.CreateSessionClient());
        var (started, _) = await api.StartBattleAsync("Name a colour.");

        var lines = await RawEventStream.ReadUntilAsync(api.Http, started.Events, line => line.Length == 0, ArenaApi.BattleDeadline);

        Assert.Equal([$"retry: {StreamsFixture.RetryHintMs}", ""], lines);
    }

    [Fact]
    public async Task AssistantEvents_Open_FirstFieldIsTheRetryHint()
    {
        var assistant = new AssistantApi(fixture.Factory.CreateSessionClient());
        var id = Guid.NewGuid();
        using var started = await assistant.AskAsync(id, "What is the arena?");

        var lines = await RawEventStream.ReadUntilAsync(assistant.Api.Http, $"/api/assistant/{id}/events", line => line.Length == 0, ArenaApi.BattleDeadline);

        Assert.Equal([$"retry: {StreamsFixture.RetryHintMs}", ""], lines);
    }

    [Fact]
    public async Task BattleEvents_NoEventForAWhile_HeartbeatCommentsMeanwhile()
    {
        // The stream is silent before the first tokens, and after the answers end until the watcher reads the
        // battle again (its battle_done is lost): heartbeats fill the silence.
        var api = new ArenaApi(fixture.Factory.CreateSessionClient());
        var (started, _) = await api.StartBattleAsync("Name a fruit.");
        fixture.Loss.Lose(started.BattleId, BattleEventKind.BattleDone);

        var lines = await RawEventStream.ReadUntilAsync(api.Http, started.Events, line => line == ": heartbeat", ArenaApi.BattleDeadline);

        Assert.Equal(": heartbeat", lines[^1]);
    }
}
