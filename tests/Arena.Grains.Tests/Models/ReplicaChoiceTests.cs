using Arena.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Arena.Grains.Tests.Models;

public sealed class ReplicaChoiceTests
{
    private static readonly ModelDirectory Directory = new(
        new ModelCatalog(Options.Create(new ModelCatalogOptions())), new ServiceCollection().BuildServiceProvider());

    private static ReplicaStatus Status(string replica, int inFlight, int capacity, ReplicaHealth health = ReplicaHealth.Healthy) =>
        new(replica, ReplicaKey.Parse(replica).Node, "silo", health, null, inFlight, capacity, null);

    [Fact]
    public void ChooseReplica_DifferentLoads_FewestInFlightForItsCapacity()
    {
        // gpu-1 is half full (5 of 10); gpu-2 a quarter full (1 of 4), though it has fewer free slots.
        var choice = Directory.ChooseReplica("m", [Status("m@gpu-1", 5, 10), Status("m@gpu-2", 1, 4)]);

        Assert.Equal(new ReplicaKey("m", "gpu-2"), choice);
    }

    [Fact]
    public void ChooseReplica_UnhealthyOrExcluded_Skipped()
    {
        ReplicaStatus[] live = [Status("m@gpu-1", 0, 8, ReplicaHealth.Failing), Status("m@gpu-2", 7, 8), Status("m@gpu-3", 0, 8, ReplicaHealth.Unreachable)];

        Assert.Equal(new ReplicaKey("m", "gpu-2"), Directory.ChooseReplica("m", live));
        Assert.Null(Directory.ChooseReplica("m", live, exclude: "m@gpu-2"));
    }

    [Theory]
    [InlineData("sim-a", "sim-a", null)]
    [InlineData("sim-a@gpu-1", "sim-a", "gpu-1")]
    [InlineData("org/model:v1@node-7", "org/model:v1", "node-7")]
    public void Parse_GrainKey_ModelAndNode(string key, string model, string? node)
    {
        var replica = ReplicaKey.Parse(key);

        Assert.Equal(new ReplicaKey(model, node), replica);
        Assert.Equal(key, replica.GrainKey);
    }
}
