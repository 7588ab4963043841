using System.Text.Json;
using Arena.Web.Tests.Api;
using Arena.Web.Tests.Hosting;

namespace Arena.Web.Tests.Stats;

/// <summary><c>GET /api/stats</c>: engagement per day and usage per model.</summary>
[Collection(ArenaCollection.Name)]
public sealed class StatsApiTests(ArenaFixture fixture)
{
    [Fact]
    public async Task Stats_BattleStartedAndVoted_CountedTodayAndPerModel()
    {
        var api = new ArenaApi(fixture.Factory.CreateSessionClient());
        var before = await StatsAsync(api);

        var (started, _) = await api.StartBattleAsync("What is the capital of Peru?");
        await api.WaitUntilFinishedAsync(started);
        var (reveal, _) = await api.VoteAsync(started.BattleId, "a");
        var (tied, _) = await api.StartBattleAsync("What is the capital of Chile?");
        await api.WaitUntilFinishedAsync(tied);
        var (tie, _) = await api.VoteAsync(tied.BattleId, "tie");
        var after = await StatsAsync(api);

        var engagement = after.GetProperty("engagement");
        Assert.Equal(Long(before, "battles_started") + 2, engagement.GetProperty("battles_started").GetInt64());
        Assert.Equal(Long(before, "votes") + 2, engagement.GetProperty("votes").GetInt64());
        var days = engagement.GetProperty("days").EnumerateArray().ToArray();
        Assert.Equal(30, days.Length);
        var today = days[^1];
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"), today.GetProperty("date").GetString());
        var beforeToday = before.GetProperty("engagement").GetProperty("days").EnumerateArray().Last();
        Assert.Equal(beforeToday.GetProperty("battles_started").GetInt64() + 2, today.GetProperty("battles_started").GetInt64());
        Assert.Equal(beforeToday.GetProperty("voted_battles").GetInt64() + 2, today.GetProperty("voted_battles").GetInt64());
        Assert.Equal(
            today.GetProperty("voted_battles").GetDouble() / today.GetProperty("battles_started").GetDouble(),
            today.GetProperty("voted_share").GetDouble(), 9);

        var winner = after.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("model").GetString() == reveal.A.Model);
        var winnerBefore = before.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("model").GetString() == reveal.A.Model);
        Assert.Equal(winnerBefore.GetProperty("wins").GetInt32() + 1, winner.GetProperty("wins").GetInt32());

        // A tie counts half a win, as on the leaderboard and the statistics page (and in the Chatbot Arena's reports).
        var tiedModel = after.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("model").GetString() == tie.A.Model);
        Assert.True(tiedModel.GetProperty("ties").GetInt32() > 0);
        Assert.Equal(
            (tiedModel.GetProperty("wins").GetDouble() + (tiedModel.GetProperty("ties").GetDouble() / 2)) / tiedModel.GetProperty("battles").GetDouble(),
            tiedModel.GetProperty("win_rate").GetDouble(), 9);
        Assert.True(winner.GetProperty("requests").GetInt64() > 0);
        Assert.True(winner.GetProperty("ttft_ms_p50").GetDouble() > 0);
        Assert.True(winner.GetProperty("ttft_ms_p95").GetDouble() >= winner.GetProperty("ttft_ms_p50").GetDouble());
        Assert.True(winner.GetProperty("tokens_per_second_p50").GetDouble() > 0);
        Assert.True(winner.GetProperty("output_tokens").GetInt64() > 0);
        Assert.Equal(
            winner.GetProperty("cost_usd").GetDouble() / winner.GetProperty("requests").GetInt64(),
            winner.GetProperty("cost_per_query_usd").GetDouble(), 12);
    }

    private static async Task<JsonElement> StatsAsync(ArenaApi api) =>
        JsonDocument.Parse(await api.Http.GetStringAsOperatorAsync("/api/stats")).RootElement.Clone();

    private static long Long(JsonElement stats, string name) => stats.GetProperty("engagement").GetProperty(name).GetInt64();
}
