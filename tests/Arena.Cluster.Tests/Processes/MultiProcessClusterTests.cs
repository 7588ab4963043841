using System.Text.Json.Nodes;
using Arena.Cluster.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Arena.Cluster.Tests.Processes;

/// <summary>
/// The cluster profile end to end, with every part in its own process: PostgreSQL, two GPU nodes
/// (VllmSim + Arena.Silo each) and Arena.Web. One test, since it kills a node part-way through.
/// </summary>
public sealed class MultiProcessClusterTests(ITestOutputHelper output)
{
    private static readonly TimeSpan FailoverBound = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Cluster_GpuNodeSiloKilled_BattlesContinueOnTheOtherNodeAndVotesSurvive()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Log(string step) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0}s {step}");
        await using var arena = await ArenaDeployment.StartAsync();
        Log("deployment started");
        await arena.RunAsync(() => RunAsync(arena, Log), output.WriteLine);
    }

    private static async Task RunAsync(ArenaDeployment arena, Action<string> log)
    {
        using var user = new ArenaHttp(arena.Web);

        // Both nodes serve: a battle streams to the end, a vote counts on the leaderboard.
        var first = await user.RunBattleAsync("What is the capital of France?");
        Assert.True(first.Status == "ready_to_vote", first.Describe());
        Assert.Equal("battle_done", first.Events[^1].EventType);
        var reveal = await user.VoteAsync(first.Id, "a");
        var (winner, loser) = ((string)reveal["a"]!["model"]!, (string)reveal["b"]!["model"]!);
        Assert.Contains(winner, ArenaDeployment.AllModels);
        Assert.Contains(loser, ArenaDeployment.AllModels);
        var board = await user.GetLeaderboardAsync();
        Assert.Equal(1, (long)board["total_votes"]!);
        Assert.Equal(1, Standing(board, winner, "wins"));
        Assert.Equal(1, Standing(board, loser, "losses"));

        log("first battle voted");

        // The replicas ran on the GPU silos, so their metrics are on those silos' /metrics.
        var metrics = string.Concat(await Task.WhenAll(arena.SiloHttp.Keys.Select(arena.GetSiloMetricsAsync)));
        // Without the operator key a GPU silo's /metrics is closed too.
        Assert.Contains("X-Operator-Key", await user.GetProblemDetailAsync(new Uri(arena.SiloHttp["gpu-1"], "/metrics"), 401), StringComparison.Ordinal);
        foreach (var model in new[] { winner, loser })
        {
            Assert.Contains($"model=\"{model}\",outcome=\"ok\",replica=\"{model}@gpu-", metrics, StringComparison.Ordinal);
        }

        // gpu-1's silo dies for real. Its models leave the pool at once (their replicas stop answering),
        // and their replicas leave the directory once the cluster declares the silo dead.
        await arena.KillSiloAsync("gpu-1");
        log("gpu-1 silo killed");
        await Poll.UntilAsync(
            async () =>
            {
                var models = await arena.GetModelsAsync();
                return ArenaDeployment.Gpu1Models.All(id => (string?)models[id]["state"] == "unavailable")
                    && ArenaDeployment.Gpu2Models.All(id => (string?)models[id]["state"] == "healthy");
            },
            FailoverBound,
            "GET /api/operator/models to show gpu-1's models unavailable and gpu-2's healthy");
        log("gpu-1's models unavailable");
        await Poll.UntilAsync(
            async () =>
            {
                var models = await arena.GetModelsAsync();
                return ArenaDeployment.Gpu1Models.All(id => models[id]["replicas"]!.AsArray().Count == 0);
            },
            FailoverBound,
            "the cluster to declare gpu-1's silo dead (its replicas gone from GET /api/operator/models)");
        log("gpu-1's silo declared dead");
        var states = await arena.GetModelsAsync();
        Assert.All(ArenaDeployment.Gpu1Models, id => Assert.False(string.IsNullOrWhiteSpace((string?)states[id]["reason"]), $"{id} has no reason"));

        // Battles still complete, between gpu-2's models only.
        for (var i = 0; i < 3; i++)
        {
            var battle = await RetryUntilServedAsync(user, $"Name a prime number larger than {i * 10}.", log);
            Assert.True(battle.Status == "ready_to_vote", battle.Describe());
            Assert.Equal("done", battle.Side("a"));
            Assert.Equal("done", battle.Side("b"));
            var later = await user.VoteAsync(battle.Id, "tie");
            Assert.Contains((string)later["a"]!["model"]!, ArenaDeployment.Gpu2Models);
            Assert.Contains((string)later["b"]!["model"]!, ArenaDeployment.Gpu2Models);
            log($"battle {i + 1} after the kill voted");
        }

        // The first vote is still there, next to the later ones.
        var after = await user.GetLeaderboardAsync();
        Assert.Equal(4, (long)after["total_votes"]!);
        Assert.True(Standing(after, winner, "wins") >= 1, after.ToJsonString());
        Assert.True(Standing(after, loser, "losses") >= 1, after.ToJsonString());
    }

    /// <summary>
    /// Grains that lived on the killed silo (the session, the leaderboard) answer again once the
    /// cluster has moved them; until then a request may fail. Retries, bounded.
    /// </summary>
    private static async Task<FinishedBattle> RetryUntilServedAsync(ArenaHttp user, string prompt, Action<string> log)
    {
        FinishedBattle? result = null;
        await Poll.UntilAsync(
            async () =>
            {
                try
                {
                    result = await user.RunBattleAsync(prompt);
                    return true;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    log($"battle not served yet: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
                    throw;
                }
            },
            FailoverBound,
            "a battle to start after the node was killed");
        return result!;
    }

    private static int Standing(JsonNode board, string model, string field) =>
        (int?)board["models"]!.AsArray().FirstOrDefault(m => (string?)m!["model"] == model)?[field] ?? 0;
}
