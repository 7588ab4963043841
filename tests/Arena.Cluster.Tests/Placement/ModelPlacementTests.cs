using Arena.Models;
using Arena.Placement;

namespace Arena.Cluster.Tests.Placement;

[Collection(ReplicaClusterCollection.Name)]
public sealed class ModelPlacementTests(ReplicaClusterFixture fixture)
{
    private static readonly TimeSpan CallBound = TimeSpan.FromSeconds(30);

    private ReplicaCluster Replicas => fixture.Replicas;

    [Theory]
    [InlineData("sim-a@gpu-1", "Silo_1")]
    [InlineData("sim-b@gpu-2", "Silo_2")]
    public async Task GenerateAsync_ReplicaKey_ActivatesOnItsNodesSilo(string key, string silo)
    {
        var grain = Replicas.Client.GetGrain<IModelGrain>(key);

        var chunks = await Generation.CollectAsync(grain).WaitAsync(CallBound);

        Assert.Null(chunks[^1].Error);
        Assert.NotNull(chunks[^1].Completion);
        var address = await Replicas.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(grain);
        Assert.Equal(Replicas.Silo(silo).SiloAddress, address);
    }

    [Theory]
    [InlineData("sim-a@gpu-1", ReplicaCluster.Gpu1)]
    [InlineData("sim-b@gpu-2", ReplicaCluster.Gpu2)]
    public async Task ReplicaKey_HostingSilo_KnowsTheNodesEndpoint(string key, string node)
    {
        var location = await Replicas.Client.GetGrain<IReplicaProbeGrain>(key).WhereAsync().WaitAsync(CallBound);

        Assert.Equal(node, location.Node);
        Assert.Equal(Replicas.Simulator.OpenAIEndpoint.ToString(), location.Endpoint);
    }

    [Theory]
    [InlineData("sim-a@gpu-9")] // no such node
    [InlineData("sim-b@gpu-1")] // the node exists but does not serve the model
    [InlineData("sim-z@gpu-2")] // unknown model on a real node
    public async Task GenerateAsync_NoSiloServesTheReplica_FailsFastWithNoCompatibleSilo(string key)
    {
        var grain = Replicas.Client.GetGrain<IModelGrain>(key);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => Generation.CollectAsync(grain).WaitAsync(CallBound));

        Assert.True(ModelPlacement.IsNoCompatibleSilo(error), $"expected the no-compatible-silo error, got {error}");
        Assert.Equal(ArenaErrorKind.Unavailable, ModelPlacement.Unavailable(ReplicaKey.Parse(key)).Kind);
    }

    [Fact]
    public async Task GenerateAsync_PlainKey_StreamsTheWholeAnswer()
    {
        var chunks = await Generation.CollectAsync(Replicas.Client.GetGrain<IModelGrain>("sim-a")).WaitAsync(CallBound);

        Assert.Null(chunks[^1].Error);
        Assert.NotNull(chunks[^1].Completion);
        Assert.NotEmpty(string.Concat(chunks.Select(c => c.Text)));
    }

    [Fact]
    public async Task PlainKey_EverySiloMayHostIt_IncludingTheWebSilo()
    {
        // Plain keys pass the filter everywhere, so the default placement spreads them over all three silos.
        var nodes = new HashSet<string?>();
        await Infrastructure.Poll.UntilAsync(
            async () =>
            {
                var location = await Replicas.Client.GetGrain<IReplicaProbeGrain>("provider-" + Guid.NewGuid().ToString("N")).WhereAsync();
                nodes.Add(location.Node);
                return nodes.Count == 3;
            },
            CallBound,
            "plain keys to land on the web silo and on both GPU nodes",
            () => $"seen: {string.Join(", ", nodes.Select(n => n ?? "web"))}");

        Assert.Contains(null, nodes);
    }
}
