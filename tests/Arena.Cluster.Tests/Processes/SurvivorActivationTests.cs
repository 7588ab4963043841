using System.Net;
using Arena.Battles;
using Arena.Cluster.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Arena.Cluster.Tests.Processes;

/// <summary>
/// A web silo dies (SIGKILL) while battles on the other silos are answering. Orleans' default directory deactivated
/// every activation whose directory entry the dead silo held once membership declared it dead: battles on the
/// surviving web silo and the model grains on the healthy GPU nodes, so their answers broke off. With the directory
/// that rebuilds the dead silo's entries from the survivors, every battle the dead silo did not host answers to its end.
/// </summary>
public sealed class SurvivorActivationTests(ITestOutputHelper output)
{
    private const int Battles = 16;

    [Fact]
    public async Task WebSiloKilledMidAnswer_EveryBattleOnASurvivor_AnswersToItsEnd()
    {
        // Answers at three times the models' real latencies: several seconds, longer than membership takes to
        // declare the killed silo dead, which is when the old directory deactivated its entries' activations.
        await using var arena = await ArenaDeployment.StartAsync(webSilos: 2, timeScale: 3.0, maxTokens: 400);
        await arena.RunAsync(() => RunAsync(arena));
    }

    private async Task RunAsync(ArenaDeployment arena)
    {
        using var clientHost = await arena.ConnectClientAsync(web: 1);
        var client = clientHost.Services.GetRequiredService<IClusterClient>();
        var management = client.GetGrain<IManagementGrain>(0);

        // Each battle its own user, through web-2, which survives.
        var users = Enumerable.Range(0, Battles).Select(_ => new ArenaHttp(arena.Webs[1], new CookieContainer())).ToList();
        try
        {
            var ids = await Task.WhenAll(users.Select((u, i) => u.StartBattleAsync($"Tell me a long story about lighthouse number {i}.")));
            var web1 = (await management.GetHosts(onlyActive: true)).Keys.Single(s => arena.WebIndexOf(arena.ProcessAtSiloPort(s.Endpoint.Port)) == 0);
            var survivors = new List<(ArenaHttp User, string Id)>();
            for (var i = 0; i < Battles; i++)
            {
                var host = await management.GetActivationAddress(client.GetGrain<IBattleGrain>(Guid.Parse(ids[i])));
                output.WriteLine($"battle {ids[i]} on {host}");
                if (host is not null && !host.Equals(web1))
                {
                    survivors.Add((users[i], ids[i]));
                }
            }

            Assert.NotEmpty(survivors);
            arena.ProcessAtSiloPort(web1.Endpoint.Port).Kill();
            output.WriteLine($"killed web-1 ({web1}); {survivors.Count} battles on survivors");

            // The moment that mattered: membership declares web-1 dead while the survivors' answers still stream.
            await Poll.UntilAsync(
                async () => !(await management.GetHosts(onlyActive: true)).ContainsKey(web1),
                TimeSpan.FromSeconds(60),
                "membership to declare web-1 dead",
                arena.Diagnostics);
            var streaming = 0;
            foreach (var (user, id) in survivors)
            {
                streaming += (string)(await user.GetBattleAsync(id))["status"]! == "streaming" ? 1 : 0;
            }

            output.WriteLine($"web-1 declared dead; {streaming} of {survivors.Count} survivors' battles still streaming");

            foreach (var (user, id) in survivors)
            {
                await Poll.UntilAsync(
                    async () => (string)(await user.GetBattleAsync(id))["status"]! != "streaming",
                    TimeSpan.FromSeconds(90),
                    $"battle {id} to end",
                    arena.Diagnostics);
                var battle = await user.GetBattleAsync(id);
                var turn = battle["turns"]!.AsArray()[^1]!;
                Assert.True(
                    (string)battle["status"]! == "ready_to_vote",
                    $"battle {id} ended {(string)battle["status"]!}: a = {turn["a"]?.ToJsonString()}, b = {turn["b"]?.ToJsonString()}");
            }

            Assert.True(streaming > 0, "Every answer ended before membership declared web-1 dead: the test proves nothing; make the answers longer.");
        }
        finally
        {
            users.ForEach(u => u.Dispose());
        }
    }
}
