using Arena.Hosting;
using Arena.Placement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.TestingHost;
using VllmSim;

namespace Arena.Cluster.Tests.Placement;

/// <summary>
/// Three in-process silos: <c>Silo_0</c> a web silo serving nothing, <c>Silo_1</c> GPU node
/// <c>gpu-1</c> serving <c>sim-a</c>, <c>Silo_2</c> GPU node <c>gpu-2</c> serving <c>sim-b</c>.
/// One VllmSim serves both models: the catalog points at it (so plain keys work anywhere) and so do
/// both nodes' endpoints (so replica keys answer for real).
/// </summary>
public sealed class ReplicaCluster : IAsyncDisposable
{
    public const string Gpu1 = "gpu-1";
    public const string Gpu2 = "gpu-2";

    private ReplicaCluster(InProcessTestCluster cluster, RunningSimulator simulator)
    {
        Cluster = cluster;
        Simulator = simulator;
    }

    public InProcessTestCluster Cluster { get; }

    public RunningSimulator Simulator { get; }

    public IClusterClient Client => Cluster.Client;

    public InProcessSiloHandle Web => Silo("Silo_0");

    public InProcessSiloHandle Node1 => Silo("Silo_1");

    public InProcessSiloHandle Node2 => Silo("Silo_2");

    public InProcessSiloHandle Silo(string name) => Cluster.Silos.Single(s => s.Name == name);

    public static async Task<ReplicaCluster> StartAsync()
    {
        var simulator = await VllmSimServer.StartAsync(new SimulatorOptions
        {
            TimeScale = 0,
            Models = [new() { Id = "sim-a", MaxTokens = 40 }, new() { Id = "sim-b", MaxTokens = 40 }],
        });
        var endpoint = simulator.OpenAIEndpoint.ToString();
        var catalog = new Dictionary<string, string?>
        {
            ["Arena:Models:0:Id"] = "sim-a",
            ["Arena:Models:0:BaseUrl"] = simulator.OpenAIEndpoint.ToString(),
            ["Arena:Models:1:Id"] = "sim-b",
            ["Arena:Models:1:BaseUrl"] = simulator.OpenAIEndpoint.ToString(),
        };

        var builder = new InProcessTestClusterBuilder(3);
        builder.ConfigureHost(host => host.Configuration.AddInMemoryCollection(catalog));
        builder.ConfigureSilo((options, silo) =>
        {
            silo.AddMemoryGrainStorage(ArenaNames.Storage)
                .AddArenaGrains()
                .AddArenaModelPlacement();
            _ = options.SiloName switch
            {
                "Silo_1" => silo.AddArenaSiloMetadata("gpu", Gpu1, [new NodeModel("sim-a", endpoint)]),
                "Silo_2" => silo.AddArenaSiloMetadata("gpu", Gpu2, [new NodeModel("sim-b", endpoint)]),
                _ => silo.AddArenaSiloMetadata("web", null, []),
            };
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        var replicas = new ReplicaCluster(cluster, simulator);
        await replicas.WaitForMetadataAsync();
        return replicas;
    }

    /// <summary>The metadata cache fills asynchronously: wait until every silo knows every silo's metadata.</summary>
    private async Task WaitForMetadataAsync()
    {
        var silos = Cluster.Silos.ToArray();
        await Infrastructure.Poll.UntilAsync(
            () => silos.All(s => silos.All(other =>
                s.ServiceProvider.GetRequiredService<ISiloMetadataCache>().GetSiloMetadata(other.SiloAddress).Metadata
                    .ContainsKey(Arena.Models.SiloMetadataKeys.Role))),
            TimeSpan.FromSeconds(30),
            "every silo's metadata cache to know all three silos");
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}

/// <summary>One <see cref="ReplicaCluster"/> shared by tests that leave every silo running.</summary>
public sealed class ReplicaClusterFixture : IAsyncLifetime
{
    public ReplicaCluster Replicas { get; private set; } = null!;

    public async Task InitializeAsync() => Replicas = await ReplicaCluster.StartAsync();

    public async Task DisposeAsync() => await Replicas.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ReplicaClusterCollection : ICollectionFixture<ReplicaClusterFixture>
{
    public const string Name = "replica cluster";
}
