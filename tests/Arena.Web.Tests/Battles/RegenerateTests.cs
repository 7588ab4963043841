using System.Net;
using Arena.Web.Tests.Api;
using Arena.Web.Tests.Hosting;

namespace Arena.Web.Tests.Battles;

/// <summary><c>POST /api/battles/{id}/regenerate</c>: both sides answer the last prompt again.</summary>
[Collection(ArenaCollection.Name)]
public sealed class RegenerateTests(ArenaFixture fixture)
{
    [Fact]
    public async Task Regenerate_FinishedBattle_NewTurnStreamsThenTheBattleIsVotable()
    {
        var api = new ArenaApi(fixture.Factory.CreateSessionClient());
        var (started, _) = await api.StartBattleAsync("Suggest a weekend hobby.");
        await api.WaitUntilFinishedAsync(started);

        using var response = await api.Http.PostAsync($"/api/battles/{started.BattleId}/regenerate", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = await api.ReadEventsAsync(started.Events);
        var (battle, body) = await api.GetBattleAsync(started.BattleId);

        Assert.Equal("ready_to_vote", battle.Status);
        Assert.Equal(2, battle.Turns.Count);
        Assert.True(battle.Turns[0].Superseded);
        Assert.False(battle.Turns[1].Superseded);
        Assert.Equal(battle.Turns[0].Prompt, battle.Turns[1].Prompt);
        Assert.Equal(("done", "done"), (battle.Turns[1].A.Status, battle.Turns[1].B.Status));
        Assert.Equal("battle_done", events[^1].Type);
        var (reveal, _) = await api.VoteAsync(started.BattleId, "a");
        Assert.DoesNotContain(reveal.A.Model, body, StringComparison.Ordinal);
        Assert.DoesNotContain(reveal.B.Model, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Regenerate_OtherSession_Returns403AndChangesNothing()
    {
        var owner = new ArenaApi(fixture.Factory.CreateSessionClient());
        var (started, _) = await owner.StartBattleAsync("Name a colour.");
        await owner.WaitUntilFinishedAsync(started);
        var (before, beforeBody) = await owner.GetBattleAsync(started.BattleId);

        var stranger = fixture.Factory.CreateSessionClient();
        await ArenaApi.ExpectProblemAsync(stranger.PostAsync($"/api/battles/{started.BattleId}/regenerate", null), HttpStatusCode.Forbidden);

        Assert.Equal(beforeBody, (await owner.GetBattleAsync(started.BattleId)).Body);
        Assert.Single(before.Turns);
    }

    [Fact]
    public async Task Regenerate_AfterVoteOrUnknown_RefusedClearly()
    {
        var api = new ArenaApi(fixture.Factory.CreateSessionClient());
        var (started, _) = await api.StartBattleAsync("Say hi.");
        await api.WaitUntilFinishedAsync(started);
        await api.VoteAsync(started.BattleId, "tie");

        var voted = await ArenaApi.ExpectProblemAsync(api.Http.PostAsync($"/api/battles/{started.BattleId}/regenerate", null), HttpStatusCode.Conflict);
        Assert.Contains("voted", voted.Detail, StringComparison.Ordinal);
        await ArenaApi.ExpectProblemAsync(api.Http.PostAsync($"/api/battles/{Guid.NewGuid()}/regenerate", null), HttpStatusCode.NotFound);
    }
}
