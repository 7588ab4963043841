using System.Net;
using Arena.Web.Tests.Api;
using Arena.Web.Tests.Hosting;

namespace Arena.Web.Tests.Battles;

/// <summary>
/// A battle's transcript is its owner's: others read it (GET and events) only after the owner shares it with
/// <c>POST /api/battles/{id}/share</c>; before that it is 404 to them, exactly as an unknown id.
/// </summary>
[Collection(ArenaCollection.Name)]
public sealed class BattlePrivacyTests(ArenaFixture fixture)
{
    [Fact]
    public async Task Read_BeforeShare_OwnerReadsStrangerGets404LikeAnUnknownId()
    {
        var owner = new ArenaApi(fixture.Factory.CreateSessionClient());
        var (started, _) = await owner.StartBattleAsync("Name a famous painting.");
        await owner.WaitUntilFinishedAsync(started);
        await owner.VoteAsync(started.BattleId, "a");
        var stranger = new ArenaApi(fixture.Factory.CreateSessionClient());

        var (mine, _) = await owner.GetBattleAsync(started.BattleId);
        Assert.Equal("voted", mine.Status);
        Assert.Null(mine.ShareUrl);
        Assert.Equal("battle_done", (await owner.ReadEventsAsync(started.Events))[^1].Type);

        var unknownId = Guid.NewGuid().ToString();
        var hidden = await ArenaApi.ExpectProblemAsync(stranger.Http.GetAsync($"/api/battles/{started.BattleId}"), HttpStatusCode.NotFound);
        var unknown = await ArenaApi.ExpectProblemAsync(stranger.Http.GetAsync($"/api/battles/{unknownId}"), HttpStatusCode.NotFound);
        Assert.Equal(unknown.Detail!.Replace(unknownId, started.BattleId, StringComparison.Ordinal), hidden.Detail);
        await ArenaApi.ExpectProblemAsync(stranger.Http.GetAsync(started.Events), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Share_ByOwnerAfterVote_StrangerReadsBattleAndEventsAndSharingAgainChangesNothing()
    {
        var owner = new ArenaApi(fixture.Factory.CreateSessionClient());
        var (started, _) = await owner.StartBattleAsync("Name a famous bridge.");
        var finished = await owner.WaitUntilFinishedAsync(started);
        var (reveal, _) = await owner.VoteAsync(started.BattleId, "b");
        var stranger = new ArenaApi(fixture.Factory.CreateSessionClient());

        var shared = await ShareAsync(owner, started.BattleId);
        var again = await ShareAsync(owner, started.BattleId);

        Assert.Equal($"/b/{started.BattleId}", shared.ShareUrl);
        Assert.Equal((shared.ShareUrl, shared.Status, shared.Reveal), (again.ShareUrl, again.Status, again.Reveal));
        var (read, _) = await stranger.GetBattleAsync(started.BattleId);
        Assert.Equal(($"/b/{started.BattleId}", "voted", reveal), (read.ShareUrl, read.Status, read.Reveal));
        Assert.Equal(finished.Turns[0].A.Text, read.Turns[0].A.Text);
        var events = await stranger.ReadEventsAsync(started.Events);
        Assert.Equal(finished.Turns[0].B.Text, SseEvents.TextOf(events, "b"));
    }

    [Fact]
    public async Task Share_BlindBattleBeforeVote_Refused409AndStaysPrivate()
    {
        var owner = new ArenaApi(fixture.Factory.CreateSessionClient());
        var (started, _) = await owner.StartBattleAsync("Name a famous river.");
        await owner.WaitUntilFinishedAsync(started);

        var problem = await ArenaApi.ExpectProblemAsync(owner.Http.PostAsync($"/api/battles/{started.BattleId}/share", null), HttpStatusCode.Conflict);

        Assert.Contains("once you have voted", problem.Detail, StringComparison.Ordinal);
        Assert.Null((await owner.GetBattleAsync(started.BattleId)).Battle.ShareUrl);
        var stranger = new ArenaApi(fixture.Factory.CreateSessionClient());
        await ArenaApi.ExpectProblemAsync(stranger.Http.GetAsync($"/api/battles/{started.BattleId}"), HttpStatusCode.NotFound);
        await owner.VoteAsync(started.BattleId, "tie");
    }

    [Fact]
    public async Task Share_ByStranger_Refused404AndNothingShared()
    {
        var owner = new ArenaApi(fixture.Factory.CreateSessionClient());
        var (started, _) = await owner.StartBattleAsync("Name a famous mountain.");
        await owner.WaitUntilFinishedAsync(started);
        await owner.VoteAsync(started.BattleId, "a");
        var stranger = new ArenaApi(fixture.Factory.CreateSessionClient());

        await ArenaApi.ExpectProblemAsync(stranger.Http.PostAsync($"/api/battles/{started.BattleId}/share", null), HttpStatusCode.NotFound);

        Assert.Null((await owner.GetBattleAsync(started.BattleId)).Battle.ShareUrl);
        await ArenaApi.ExpectProblemAsync(stranger.Http.GetAsync($"/api/battles/{started.BattleId}"), HttpStatusCode.NotFound);
        await ArenaApi.ExpectProblemAsync(stranger.Http.PostAsync($"/api/battles/{Guid.NewGuid()}/share", null), HttpStatusCode.NotFound);
    }

    private static async Task<BattleView> ShareAsync(ArenaApi api, string battleId)
    {
        using var response = await api.Http.PostAsync($"/api/battles/{battleId}/share", null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"share answered {(int)response.StatusCode}: {body}");
        return ArenaApi.Parse<BattleView>(body);
    }
}
