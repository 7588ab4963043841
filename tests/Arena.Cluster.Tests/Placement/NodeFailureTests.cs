using Arena.Models;
using Arena.Placement;

namespace Arena.Cluster.Tests.Placement;

/// <summary>Each test owns its cluster, since it stops a silo.</summary>
public sealed class NodeFailureTests
{
    private static readonly TimeSpan CallBound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task StopSilo_Gpu1Leaves_ItsReplicaUnavailableAndGpu2KeepsWorking()
    {
        await using var replicas = await ReplicaCluster.StartAsync();
        var onGpu1 = replicas.Client.GetGrain<IReplicaProbeGrain>("sim-a@gpu-1");
        var onGpu2 = replicas.Client.GetGrain<IReplicaProbeGrain>("sim-b@gpu-2");
        Assert.Equal(ReplicaCluster.Gpu1, (await onGpu1.WhereAsync().WaitAsync(CallBound)).Node);
        Assert.Equal(ReplicaCluster.Gpu2, (await onGpu2.WhereAsync().WaitAsync(CallBound)).Node);

        await replicas.Cluster.StopSiloAsync(replicas.Node1);

        var probeError = await Assert.ThrowsAnyAsync<Exception>(() => onGpu1.WhereAsync().WaitAsync(CallBound));
        Assert.True(ModelPlacement.IsNoCompatibleSilo(probeError), $"expected the no-compatible-silo error, got {probeError}");
        var modelError = await Assert.ThrowsAnyAsync<Exception>(
            () => Generation.CollectAsync(replicas.Client.GetGrain<IModelGrain>("sim-a@gpu-1")).WaitAsync(CallBound));
        Assert.True(ModelPlacement.IsNoCompatibleSilo(modelError), $"expected the no-compatible-silo error, got {modelError}");

        Assert.Equal(ReplicaCluster.Gpu2, (await onGpu2.WhereAsync().WaitAsync(CallBound)).Node);
        var gpu2Model = replicas.Client.GetGrain<IModelGrain>("sim-b@gpu-2");
        var gpu2Answer = await Generation.CollectAsync(gpu2Model).WaitAsync(CallBound);
        Assert.NotNull(gpu2Answer[^1].Completion);
        var address = await replicas.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(gpu2Model);
        Assert.Equal(replicas.Node2.SiloAddress, address);
        var plain = await Generation.CollectAsync(replicas.Client.GetGrain<IModelGrain>("sim-a")).WaitAsync(CallBound);
        Assert.NotNull(plain[^1].Completion);
    }
}
