using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Arena.Battles;
using Arena.Hosting;
using Arena.Models;
using Arena.Placement;
using Arena.Ratings.Ledger;
using Arena.Storage;
using Arena.Tests.Shared;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.TestingHost;
using VllmSim;

namespace Arena.Cluster.Tests.Replicas;

/// <summary>
/// Two GPU nodes serve the same two models. Node gpu-1's servers are down (nothing listens on its
/// endpoints), and its circuit is kept closed, so requests still reach it first: each side must fail
/// there before its first token and be retried once on gpu-2.
/// </summary>
public sealed class ReplicaFailoverTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Battle_FirstReplicaDownBeforeFirstToken_RetriedOnTheOtherReplicaAndVotable()
    {
        await using var simulator = await VllmSimServer.StartAsync(new SimulatorOptions
        {
            TimeScale = 0,
            Models = [new() { Id = "sim-x", MaxTokens = 30 }, new() { Id = "sim-y", MaxTokens = 30 }],
        });
        var dead = $"http://127.0.0.1:{ClosedPort().ToString(CultureInfo.InvariantCulture)}/v1";
        var live = simulator.OpenAIEndpoint.ToString();

        var data = Directory.CreateTempSubdirectory("arena-replicas-");
        var ledger = $"Data Source={Path.Combine(data.FullName, "ledger.db")}";
        var builder = new InProcessTestClusterBuilder(3);
        builder.ConfigureHost(host => host.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Arena:Models:0:Id"] = "sim-x",
            ["Arena:Models:1:Id"] = "sim-y",
            // Keep gpu-1 in play despite its failures, so that the retry path is what saves the battle.
            ["Arena:Health:FailureThreshold"] = "1000",
        }));
        builder.ConfigureSilo((options, silo) =>
        {
            silo.AddMemoryGrainStorage(ArenaNames.Storage).AddArenaGrains();
            silo.AddArenaVoteLedger(DatabaseKind.Sqlite, ledger);
            _ = options.SiloName switch
            {
                "Silo_1" => silo.AddArenaSiloMetadata("gpu", "gpu-1", [new NodeModel("sim-x", dead), new NodeModel("sim-y", dead)]),
                "Silo_2" => silo.AddArenaSiloMetadata("gpu", "gpu-2", [new NodeModel("sim-x", live), new NodeModel("sim-y", live)]),
                _ => silo.AddArenaSiloMetadata("web", null, []),
            };
        });
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        await WaitForReplicasAsync(cluster);

        var id = Guid.NewGuid();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new List<BattleEvent>();
        var subscription = await EventSubscription<BattleEvent>.StartAsync(cluster.Client, id, e =>
        {
            if (e.Kind == BattleEventKind.SideError)
            {
                lock (errors)
                {
                    errors.Add(e);
                }
            }

            if (e.Kind == BattleEventKind.BattleDone)
            {
                done.TrySetResult();
            }
        });
        var battle = cluster.Client.GetGrain<IBattleGrain>(id);
        await battle.StartAsync(new StartBattle("owner", "Explain tides.", "general"));
        await done.Task.WaitAsync(Patience);
        await subscription.DisposeAsync();

        var snapshot = await battle.GetAsync();
        Assert.Empty(errors);
        Assert.Equal(BattleStatus.ReadyToVote, snapshot.Status);
        Assert.Equal((SideStatus.Done, SideStatus.Done), (snapshot.Turns[0].A.Status, snapshot.Turns[0].B.Status));

        // Both models failed once on gpu-1 and answered on gpu-2.
        foreach (var model in new[] { "sim-x", "sim-y" })
        {
            var onGpu1 = await cluster.Client.GetGrain<IModelGrain>($"{model}@gpu-1").GetStatsAsync();
            var onGpu2 = await cluster.Client.GetGrain<IModelGrain>($"{model}@gpu-2").GetStatsAsync();
            Assert.Equal(1, onGpu1.ErrorsByKind.GetValueOrDefault(ModelFailure.Unreachable));
            Assert.Equal(0, onGpu1.Succeeded);
            Assert.Equal(1, onGpu2.Succeeded);
        }

        var reveal = await battle.VoteAsync("owner", BattleOutcome.A);
        Assert.Equal(["sim-x", "sim-y"], new[] { reveal.A.Model, reveal.B.Model }.Order(StringComparer.Ordinal));
        await cluster.StopAllSilosAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        data.Delete(recursive: true);
    }

    /// <summary>Both nodes' replicas must be visible to the web silo's model directory before the battle.</summary>
    private static async Task WaitForReplicasAsync(InProcessTestCluster cluster)
    {
        var web = cluster.Silos.Single(s => s.Name == "Silo_0").ServiceProvider;
        var directory = web.GetRequiredService<ModelDirectory>();
        var catalog = web.GetRequiredService<ModelCatalog>();
        await Infrastructure.Poll.UntilAsync(
            () => Task.FromResult(catalog.All.All(m => directory.ReplicasOf(m).Count == 2)),
            TimeSpan.FromSeconds(30),
            "both models to have a replica on each GPU node");
        _ = web.GetRequiredService<ISiloMetadataCache>();
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
