using System.Net;
using Arena.Web.Tests.Api;
using Arena.Web.Tests.Hosting;

namespace Arena.Web.Tests.Battles;

/// <summary><c>GET /api/battles/{id}/events</c> with <c>Last-Event-ID</c>: exactly the events after it, across turns too.</summary>
[Collection(ArenaCollection.Name)]
public sealed class ResumeTests(ArenaFixture fixture)
{
    [Fact]
    public async Task Events_ReconnectWithLastEventId_TheRestWithNothingRepeatedOrMissed()
    {
        var api = new ArenaApi(fixture.Factory.CreateSessionClient());
        var (started, _) = await api.StartBattleAsync("Explain how a rainbow forms.");

        var first = await SseReader.TakeAsync(api.Http, started.Events, null, 3);
        var rest = await SseReader.ReadAllAsync(api.Http, started.Events, first[^1].Id);

        var all = first.Concat(rest).ToList();
        var (battle, _) = await api.GetBattleAsync(started.BattleId);
        TranscriptAssert.Matches(all, battle, turnsFollowed: [0]);
        Assert.Equal("battle_done", all[^1].Type);
    }

    [Fact]
    public async Task Events_ReconnectAfterTheBattleEnded_RestThenNothing()
    {
        var api = new ArenaApi(fixture.Factory.CreateSessionClient());
        var (started, _) = await api.StartBattleAsync("Give me three tips for sleeping well.");
        var first = await SseReader.TakeAsync(api.Http, started.Events, null, 2);
        await api.WaitUntilFinishedAsync(started);

        var rest = await SseReader.ReadAllAsync(api.Http, started.Events, first[^1].Id);
        var nothing = await SseReader.ReadAllAsync(api.Http, started.Events, rest[^1].Id);

        var (battle, _) = await api.GetBattleAsync(started.BattleId);
        TranscriptAssert.Matches(first.Concat(rest).ToList(), battle, turnsFollowed: [0]);
        Assert.Empty(nothing);
    }

    [Fact]
    public async Task Events_ReconnectAcrossAFollowUpTurn_FinishesTheOldTurnThenStreamsTheNewOne()
    {
        var api = new ArenaApi(fixture.Factory.CreateSessionClient());
        var (started, _) = await api.StartBattleAsync("Name a planet.");
        var first = await SseReader.TakeAsync(api.Http, started.Events, null, 2);
        await api.WaitUntilFinishedAsync(started);
        using var more = await api.PostJsonAsync($"/api/battles/{started.BattleId}/messages", """{"prompt": "Tell me more about it."}""");
        Assert.Equal(HttpStatusCode.OK, more.StatusCode);

        var rest = await SseReader.ReadAllAsync(api.Http, started.Events, first[^1].Id);

        var (battle, _) = await api.GetBattleAsync(started.BattleId);
        Assert.Equal(2, battle.Turns.Count);
        Assert.Equal("ready_to_vote", battle.Status);
        TranscriptAssert.Matches(first.Concat(rest).ToList(), battle, turnsFollowed: [0, 1]);

        // A client that joins now gets the whole conversation and one battle_done, for the last turn.
        var fresh = await SseReader.ReadAllAsync(api.Http, started.Events, null);
        Assert.Equal(1, Assert.Single(fresh, e => e.Type == "battle_done").Turn);
        Assert.Equal(battle.Turns[0].A.Text, TextOf(fresh, 0, "a"));
        Assert.Equal(battle.Turns[1].B.Text, TextOf(fresh, 1, "b"));
    }

    [Theory]
    [InlineData("banana")]
    [InlineData("1.2.3")]
    [InlineData("0.-1.0.0")]
    [InlineData("0.0.0.8")]
    [InlineData("9.0.0.0")]
    [InlineData("0.999999.0.0")]
    public async Task Events_LastEventIdNotFromThisStream_Returns400(string lastEventId)
    {
        var api = new ArenaApi(fixture.Factory.CreateSessionClient());
        var (started, _) = await api.StartBattleAsync("Say hello.");
        await api.WaitUntilFinishedAsync(started);
        using var request = new HttpRequestMessage(HttpMethod.Get, started.Events);
        request.Headers.Add("Last-Event-ID", lastEventId);

        var problem = await ArenaApi.ExpectProblemAsync(api.Http.SendAsync(request), HttpStatusCode.BadRequest);

        Assert.Contains("Last-Event-ID", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_UnknownBattle_Returns404()
    {
        var http = fixture.Factory.CreateSessionClient();
        await ArenaApi.ExpectProblemAsync(http.GetAsync($"/api/battles/{Guid.NewGuid()}/events"), HttpStatusCode.NotFound);
    }

    private static string TextOf(List<IdentifiedEvent> events, int turn, string side) =>
        string.Concat(events.Where(e => e.Type == "token" && e.Turn == turn && e.Side == side).Select(e => e.Text));
}
