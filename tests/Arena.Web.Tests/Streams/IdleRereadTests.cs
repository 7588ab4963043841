using Arena.Assistant;
using Arena.Battles;
using Arena.Web.Tests.Api;
using Arena.Web.Tests.Assistant;

namespace Arena.Web.Tests.Streams;

/// <summary>
/// A watcher that hears nothing for <c>Arena:Streams:IdleReread</c> reads the battle (or the assistant conversation)
/// again and sends what it missed: here the <c>battle_done</c> or <c>turn_done</c> is lost on the way
/// (<see cref="EventLoss"/>), and streams still end.
/// </summary>
[Collection(StreamsCollection.Name)]
public sealed class IdleRereadTests(StreamsFixture fixture)
{
    [Fact]
    public async Task BattleEvents_BattleDoneLost_EndWithBattleDoneFromTheTranscript()
    {
        var api = new ArenaApi(fixture.Factory.CreateSessionClient());
        var (started, _) = await api.StartBattleAsync("Explain how a rainbow forms.");
        fixture.Loss.Lose(started.BattleId, BattleEventKind.BattleDone);

        var events = await SseReader.ReadAllAsync(api.Http, started.Events, null);

        await fixture.Loss.LostAsync(started.BattleId).WaitAsync(ArenaApi.BattleDeadline);
        var (battle, _) = await api.GetBattleAsync(started.BattleId);
        TranscriptAssert.Matches(events, battle, turnsFollowed: [0]);
        Assert.Equal("battle_done", events[^1].Type);
    }

    [Fact]
    public async Task BattleEvents_ResumedAndBattleDoneLost_TheRestThenBattleDone()
    {
        var api = new ArenaApi(fixture.Factory.CreateSessionClient());
        var (started, _) = await api.StartBattleAsync("Give me three tips for sleeping well.");
        fixture.Loss.Lose(started.BattleId, BattleEventKind.BattleDone);
        var first = await SseReader.TakeAsync(api.Http, started.Events, null, 3);

        var rest = await SseReader.ReadAllAsync(api.Http, started.Events, first[^1].Id);

        await fixture.Loss.LostAsync(started.BattleId).WaitAsync(ArenaApi.BattleDeadline);
        var (battle, _) = await api.GetBattleAsync(started.BattleId);
        TranscriptAssert.Matches(first.Concat(rest).ToList(), battle, turnsFollowed: [0]);
        Assert.Equal("battle_done", rest[^1].Type);
    }

    [Fact]
    public async Task AssistantEvents_TurnDoneLost_EndWithTurnDoneFromTheConversation()
    {
        var assistant = new AssistantApi(fixture.Factory.CreateSessionClient());
        var id = Guid.NewGuid();
        fixture.Loss.Lose(id, AssistantEventKind.TurnDone);
        using var started = await assistant.AskAsync(id, "What is the arena?");

        var events = await assistant.ReadEventsAsync(id);

        await fixture.Loss.LostAsync(id).WaitAsync(ArenaApi.BattleDeadline);
        Assert.Equal("turn_done", events[^1].Type);
        Assert.Single(events, e => e.Type == "turn_done");
        Assert.Contains(events, e => e.Type == "token");
    }
}
