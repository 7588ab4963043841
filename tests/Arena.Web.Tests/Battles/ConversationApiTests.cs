using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Arena.Web.Tests.Api;
using Arena.Web.Tests.Hosting;

namespace Arena.Web.Tests.Battles;

/// <summary>Follow-up messages, stop, named battles and the share link over HTTP, with every refusal.</summary>
[Collection(ArenaCollection.Name)]
public sealed class ConversationApiTests(ArenaFixture fixture)
{
    [Fact]
    public async Task Messages_FollowUp_AppendsATurnAndRefusesBadRequests()
    {
        var api = new ArenaApi(fixture.Factory.CreateSessionClient());
        var (started, _) = await api.StartBattleAsync("Name a river.");
        await api.WaitUntilFinishedAsync(started);
        var path = $"/api/battles/{started.BattleId}/messages";

        await ArenaApi.ExpectProblemAsync(api.PostJsonAsync(path, """{"prompt": "  "}"""), HttpStatusCode.BadRequest);
        await ArenaApi.ExpectProblemAsync(api.PostJsonAsync(path, "{not json"), HttpStatusCode.BadRequest);
        var tooLong = await ArenaApi.ExpectProblemAsync(api.Http.PostAsJsonAsync(path, new { prompt = new string('x', ArenaHost.MaxPromptChars + 1) }), HttpStatusCode.BadRequest);
        Assert.Contains($"limit is {ArenaHost.MaxPromptChars}", tooLong.Detail, StringComparison.Ordinal);
        var stranger = fixture.Factory.CreateSessionClient();
        await ArenaApi.ExpectProblemAsync(stranger.PostAsJsonAsync(path, new { prompt = "Hi" }), HttpStatusCode.Forbidden);
        await ArenaApi.ExpectProblemAsync(api.Http.PostAsJsonAsync($"/api/battles/{Guid.NewGuid()}/messages", new { prompt = "Hi" }), HttpStatusCode.NotFound);
        Assert.Single((await api.GetBattleAsync(started.BattleId)).Battle.Turns);

        using var response = await api.Http.PostAsJsonAsync(path, new { prompt = "How long is it?" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var snapshot = ArenaApi.Parse<BattleView>(await response.Content.ReadAsStringAsync());
        Assert.Equal(["Name a river.", "How long is it?"], snapshot.Turns.Select(t => t.Prompt));
        await ArenaApi.ExpectProblemAsync(api.Http.PostAsJsonAsync(path, new { prompt = "And?" }), HttpStatusCode.Conflict);

        await api.ReadEventsAsync(started.Events);
        await api.VoteAsync(started.BattleId, "a");
        var voted = await ArenaApi.ExpectProblemAsync(api.Http.PostAsJsonAsync(path, new { prompt = "And?" }), HttpStatusCode.Conflict);
        Assert.Contains("voted", voted.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_OwnerStrangerAndUnknown_SnapshotForbiddenNotFound()
    {
        var api = new ArenaApi(fixture.Factory.CreateSessionClient());
        var (started, _) = await api.StartBattleAsync("Describe a forest.");
        var path = $"/api/battles/{started.BattleId}/stop";
        var stranger = fixture.Factory.CreateSessionClient();

        await ArenaApi.ExpectProblemAsync(stranger.PostAsync(path, null), HttpStatusCode.Forbidden);
        await ArenaApi.ExpectProblemAsync(api.Http.PostAsync($"/api/battles/{Guid.NewGuid()}/stop", null), HttpStatusCode.NotFound);
        using var stopped = await api.Http.PostAsync(path, null);

        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        var battle = ArenaApi.Parse<BattleView>(await stopped.Content.ReadAsStringAsync());
        Assert.NotEqual("streaming", battle.Status);
        Assert.All([battle.Turns[0].A, battle.Turns[0].B], s => Assert.Equal("done", s.Status));
        using var again = await api.Http.PostAsync(path, null);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(battle.Turns[0], ArenaApi.Parse<BattleView>(await again.Content.ReadAsStringAsync()).Turns[0]);
    }

    [Fact]
    public async Task Start_NamedModels_ShownAtOnceSharedWhenFinishedVoteNotRated()
    {
        var api = new ArenaApi(fixture.Factory.CreateSessionClient());
        var models = await ArenaModelsAsync(api);

        using var response = await api.Http.PostAsJsonAsync("/api/battles", new { prompt = "Compare cats and dogs.", model_a = models[0], model_b = models[1] });

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var started = ArenaApi.Parse<StartedBattle>(body);
        var battle = JsonDocument.Parse(body).RootElement.GetProperty("battle");
        Assert.Equal("named", battle.GetProperty("mode").GetString());
        Assert.Equal(models[0], battle.GetProperty("model_a").GetString());
        Assert.Equal(models[1], battle.GetProperty("model_b").GetString());
        await api.WaitUntilFinishedAsync(started);
        var finished = await ReadAsync(api, started.BattleId);
        Assert.Equal(JsonValueKind.Null, finished.GetProperty("share_url").ValueKind); // until the owner shares it
        using var shared = await api.Http.PostAsync($"/api/battles/{started.BattleId}/share", null); // a named battle: before the vote
        Assert.Equal(HttpStatusCode.OK, shared.StatusCode);
        Assert.Equal($"/b/{started.BattleId}", JsonDocument.Parse(await shared.Content.ReadAsStringAsync()).RootElement.GetProperty("share_url").GetString());
        var (before, _) = await api.GetLeaderboardAsync();

        var (reveal, _) = await api.VoteAsync(started.BattleId, "b");

        Assert.Equal(models[1], reveal.B.Model);
        Assert.Equal(0, reveal.B.Delta);
        var (after, _) = await api.GetLeaderboardAsync();
        Assert.Equal(before.Models, after.Models);
    }

    [Fact]
    public async Task Start_BadModelNames_Returns400WithTheValidModels()
    {
        var api = new ArenaApi(fixture.Factory.CreateSessionClient());
        var models = await ArenaModelsAsync(api);

        foreach (var body in new object[]
        {
            new { prompt = "Hi", model_a = models[0] },
            new { prompt = "Hi", model_a = models[0], model_b = models[0] },
            new { prompt = "Hi", model_a = models[0], model_b = "no-such-model" },
        })
        {
            var problem = await ArenaApi.ExpectProblemAsync(api.Http.PostAsJsonAsync("/api/battles", body), HttpStatusCode.BadRequest);
            Assert.All(models, m => Assert.Contains(m, problem.Detail, StringComparison.Ordinal));
        }

        Assert.Empty((await api.GetHistoryAsync()).Battles);
    }

    [Fact]
    public async Task Share_AnonymousBattle_ReadableByAnyoneOnlyOnceSharedAfterVoteStrangerCannotAct()
    {
        var owner = new ArenaApi(fixture.Factory.CreateSessionClient());
        var (started, _) = await owner.StartBattleAsync("What should I cook tonight?");
        await owner.WaitUntilFinishedAsync(started);
        var stranger = new ArenaApi(fixture.Factory.CreateSessionClient());
        var id = started.BattleId;

        var before = await ReadAsync(owner, id);
        Assert.Equal(JsonValueKind.Null, before.GetProperty("share_url").ValueKind);
        Assert.Equal(JsonValueKind.Null, before.GetProperty("model_a").ValueKind);
        Assert.Equal("anonymous", before.GetProperty("mode").GetString());
        await ArenaApi.ExpectProblemAsync(stranger.Http.GetAsync($"/api/battles/{id}"), HttpStatusCode.NotFound);
        await ArenaApi.ExpectProblemAsync(stranger.Http.PostAsJsonAsync($"/api/battles/{id}/vote", new { winner = "a" }), HttpStatusCode.Forbidden);
        await ArenaApi.ExpectProblemAsync(stranger.Http.PostAsync($"/api/battles/{id}/regenerate", null), HttpStatusCode.Forbidden);
        await ArenaApi.ExpectProblemAsync(stranger.Http.PostAsJsonAsync($"/api/battles/{id}/messages", new { prompt = "Hi" }), HttpStatusCode.Forbidden);
        await ArenaApi.ExpectProblemAsync(stranger.Http.PostAsync($"/api/battles/{id}/stop", null), HttpStatusCode.Forbidden);

        var (reveal, _) = await owner.VoteAsync(id, "tie");
        await ArenaApi.ExpectProblemAsync(stranger.Http.GetAsync($"/api/battles/{id}"), HttpStatusCode.NotFound); // voted is not shared
        (await owner.Http.PostAsync($"/api/battles/{id}/share", null)).EnsureSuccessStatusCode();

        var after = await ReadAsync(stranger, id);
        Assert.Equal($"/b/{id}", after.GetProperty("share_url").GetString());
        Assert.Equal(reveal.A.Model, after.GetProperty("model_a").GetString());
        Assert.Equal("voted", after.GetProperty("status").GetString());
    }

    private static async Task<string[]> ArenaModelsAsync(ArenaApi api)
    {
        var models = (await api.GetModelsAsync()).Models.Where(m => m.InArena).Select(m => m.Id).ToArray();
        Assert.True(models.Length >= 2, "the embedded simulator should serve at least two arena models");
        return models;
    }

    private static async Task<JsonElement> ReadAsync(ArenaApi api, string battleId) =>
        JsonDocument.Parse((await api.GetBattleAsync(battleId)).Body).RootElement.Clone();
}
