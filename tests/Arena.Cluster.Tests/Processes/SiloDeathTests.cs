using System.Net;
using System.Text.Json.Nodes;
using Arena.Battles;
using Arena.Cluster.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Arena.Cluster.Tests.Processes;

/// <summary>
/// A battle whose silo dies (SIGKILL) while both sides are answering, on a real deployment with two web silos: the
/// owner, watching through a silo that survives, sees each unfinished side end with <c>side_error</c> within a bound,
/// and can regenerate the battle there.
/// </summary>
public sealed class SiloDeathTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Battle_WhoseSiloIsKilledMidAnswer_EndsEachUnfinishedSideWithSideError_AndCanBeRegenerated()
    {
        // Answers at three times the models' real latencies: several seconds each, so the kill lands mid-answer.
        await using var arena = await ArenaDeployment.StartAsync(webSilos: 2, timeScale: 3.0, maxTokens: 400);
        await arena.RunAsync(() => RunAsync(arena));
    }

    private async Task RunAsync(ArenaDeployment arena)
    {
        using var client = await arena.ConnectClientAsync();
        var cookies = new CookieContainer();
        using var first = new ArenaHttp(arena.Webs[0], cookies);
        var battleId = await first.StartBattleAsync("Write a long story about a lighthouse keeper, please.");

        // Which silo holds the battle: that one dies; the owner watches through a web silo that does not.
        var management = client.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
        var battle = client.Services.GetRequiredService<IClusterClient>().GetGrain<IBattleGrain>(Guid.Parse(battleId));
        var host = await management.GetActivationAddress(battle) ?? throw new InvalidOperationException("The battle has no activation.");
        var victim = arena.ProcessAtSiloPort(host.Endpoint.Port);
        var watcherWeb = arena.WebIndexOf(victim) == 1 ? 0 : 1;
        output.WriteLine($"battle {battleId} on {victim.Name}; watching through web {watcherWeb + 1}");
        using var owner = new ArenaHttp(arena.Webs[watcherWeb], cookies);

        using var deadline = new CancellationTokenSource(Bound);
        var ended = new Dictionary<string, string>(); // side → side_done / side_error
        var killed = false;
        var sinceKill = new System.Diagnostics.Stopwatch();
        await foreach (var item in owner.EventsAsync(battleId, deadline.Token))
        {
            if (item.EventType == "token" && !killed)
            {
                Assert.True(ended.Count == 0 && (string)(await owner.GetBattleAsync(battleId))["status"]! == "streaming", "The answers ended before the kill.");
                victim.Kill();
                sinceKill.Start();
                killed = true;
                output.WriteLine($"killed {victim.Name} after the first token");
            }
            else if (item.EventType is "side_done" or "side_error")
            {
                ended[(string)JsonNode.Parse(item.Data)!["side"]!] = item.EventType;
                output.WriteLine($"{item.EventType} {item.Data} {sinceKill.Elapsed.TotalSeconds:0.0} s after the kill");
            }
            else if (item.EventType == "battle_done")
            {
                break;
            }
        }

        Assert.True(killed, "No token arrived before the stream ended.");
        Assert.Equal(["a", "b"], ended.Keys.Order());
        Assert.Contains("side_error", ended.Values); // at least one side was cut off by the kill
        var snapshot = await owner.GetBattleAsync(battleId);
        Assert.NotEqual("streaming", (string)snapshot["status"]!);

        // The battle is not wedged: a regenerate through the surviving silo runs a new turn to its end. Both sides
        // answer if the dead silo was a web silo; a GPU silo took two models' only replicas with it.
        var (status, body) = await owner.PostAsync($"/api/battles/{battleId}/regenerate");
        Assert.True(status == HttpStatusCode.OK, $"regenerate answered {(int)status}: {body}");
        await Poll.UntilAsync(
            async () => (string)(await owner.GetBattleAsync(battleId))["status"]! != "streaming",
            TimeSpan.FromSeconds(90),
            "the regenerated turn to end",
            arena.Diagnostics);
        var regenerated = await owner.GetBattleAsync(battleId);
        Assert.Equal(2, regenerated["turns"]!.AsArray().Count);
        if (arena.WebIndexOf(victim) >= 0)
        {
            Assert.Equal("ready_to_vote", (string)regenerated["status"]!);
        }
    }
}
