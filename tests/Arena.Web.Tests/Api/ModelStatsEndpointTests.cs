using System.Net;
using System.Text.Json;
using Arena.Web.Tests.Hosting;

namespace Arena.Web.Tests.Api;

/// <summary>The model tier as operators see it: state, replicas, statistics and Prometheus metrics.</summary>
[Collection(ArenaCollection.Name)]
public sealed class ModelStatsEndpointTests(ArenaFixture fixture)
{
    [Fact]
    public async Task GetModels_Healthy_ShowsStateAndWhereEachReplicaRuns()
    {
        var http = fixture.Factory.CreateSessionClient();

        using var doc = JsonDocument.Parse(await http.GetStringAsOperatorAsync("/api/operator/models"));

        foreach (var model in doc.RootElement.GetProperty("models").EnumerateArray())
        {
            Assert.Equal("healthy", model.GetProperty("state").GetString());
            var replica = Assert.Single(model.GetProperty("replicas").EnumerateArray().ToArray());
            Assert.Equal(model.GetProperty("id").GetString(), replica.GetProperty("replica").GetString());
            Assert.Equal("healthy", replica.GetProperty("health").GetString());
            Assert.True(replica.GetProperty("capacity").GetInt32() > 0);
        }
    }

    [Fact]
    public async Task GetStats_AfterABattle_BothModelsCountTheirRequestTokensAndLatency()
    {
        var api = new ArenaApi(fixture.Factory.CreateSessionClient());
        var (started, _) = await api.StartBattleAsync("What is a prime number?");
        await api.WaitUntilFinishedAsync(started);
        var (reveal, _) = await api.VoteAsync(started.BattleId, "tie");

        foreach (var model in new[] { reveal.A.Model, reveal.B.Model })
        {
            using var stats = JsonDocument.Parse(await api.Http.GetStringAsOperatorAsync($"/api/models/{model}/stats"));
            var root = stats.RootElement;
            Assert.Equal(model, root.GetProperty("model").GetString());
            Assert.True(root.GetProperty("requests").GetInt64() >= 1);
            Assert.True(root.GetProperty("succeeded").GetInt64() >= 1);
            Assert.True(root.GetProperty("output_tokens").GetInt64() > 0);
            Assert.True(root.GetProperty("input_tokens").GetInt64() > 0);
            Assert.True(root.GetProperty("time_to_first_token_ms").GetProperty("p50").GetDouble() > 0);
            Assert.True(root.GetProperty("time_to_first_token_ms").GetProperty("p95").GetDouble() >= root.GetProperty("time_to_first_token_ms").GetProperty("p50").GetDouble());
            Assert.Equal(0, root.GetProperty("error_rate").GetDouble());
        }
    }

    [Fact]
    public async Task GetStats_UnknownModel_Returns404WithDetail()
    {
        var problem = await ArenaApi.ExpectProblemAsync(fixture.Factory.CreateSessionClient().GetAsOperatorAsync("/api/models/no-such-model/stats"), HttpStatusCode.NotFound);

        Assert.Contains("no-such-model", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_AfterABattle_PrometheusTextWithTheModelTiersInstruments()
    {
        var api = new ArenaApi(fixture.Factory.CreateSessionClient());
        var (started, _) = await api.StartBattleAsync("Name three rivers.");
        await api.WaitUntilFinishedAsync(started);

        using var response = await api.Http.GetAsOperatorAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("arena_model_requests_total{", text, StringComparison.Ordinal);
        Assert.Contains("outcome=\"ok\"", text, StringComparison.Ordinal);
        Assert.Contains("arena_model_time_to_first_token_milliseconds_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("arena_model_tokens_total{", text, StringComparison.Ordinal);
    }
}
