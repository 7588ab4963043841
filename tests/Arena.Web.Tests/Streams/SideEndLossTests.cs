using Arena.Battles;
using Arena.Web.Tests.Api;

namespace Arena.Web.Tests.Streams;

/// <summary>
/// A live event that arrives after a lost one makes the watcher read the battle first: here both sides' <c>side_done</c>
/// events are lost (<see cref="EventLoss"/>), and the <c>battle_done</c> after them must not end the stream without them.
/// </summary>
[Collection(StreamsCollection.Name)]
public sealed class SideEndLossTests(StreamsFixture fixture)
{
    [Fact]
    public async Task BattleEvents_SideDoneLost_SentFromTheTranscriptBeforeBattleDone()
    {
        var api = new ArenaApi(fixture.Factory.CreateSessionClient());
        var (started, _) = await api.StartBattleAsync("Describe the sea in two sentences.");
        fixture.Loss.Lose(started.BattleId, BattleEventKind.SideDone);

        var events = await SseReader.ReadAllAsync(api.Http, started.Events, null);

        await fixture.Loss.LostAsync(started.BattleId).WaitAsync(ArenaApi.BattleDeadline);
        var (battle, _) = await api.GetBattleAsync(started.BattleId);
        TranscriptAssert.Matches(events, battle, turnsFollowed: [0]);
        Assert.Equal("battle_done", events[^1].Type);
    }
}
