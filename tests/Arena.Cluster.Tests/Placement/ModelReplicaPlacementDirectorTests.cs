using Arena.Models;
using Arena.Placement;

namespace Arena.Cluster.Tests.Placement;

public sealed class ModelReplicaPlacementDirectorTests
{
    private static readonly Dictionary<string, string> Gpu1 = ModelPlacementSiloBuilderExtensions.Describe(
        "gpu", "gpu-1", [new NodeModel("sim-a", "http://10.0.0.1:8000/v1"), new NodeModel("llama-3.1-8b", "http://10.0.0.1:8001/v1")]);

    private static readonly Dictionary<string, string> Web = ModelPlacementSiloBuilderExtensions.Describe("web", null, []);

    [Theory]
    [InlineData("sim-a@gpu-1", true)]
    [InlineData("llama-3.1-8b@gpu-1", true)]
    [InlineData("sim-a@gpu-2", false)]
    [InlineData("sim-b@gpu-1", false)]
    [InlineData("sim@gpu-1", false)]
    [InlineData("sim-a", true)]
    public void Serves_GpuNodeMetadata_MatchesNodeAndModel(string key, bool expected) =>
        Assert.Equal(expected, ModelReplicaPlacementDirector.Serves(Gpu1, ReplicaKey.Parse(key)));

    [Fact]
    public void Serves_WebSiloOrUnknownSilo_OnlyPlainKeys()
    {
        Assert.False(ModelReplicaPlacementDirector.Serves(Web, ReplicaKey.Parse("sim-a@gpu-1")));
        Assert.False(ModelReplicaPlacementDirector.Serves(new Dictionary<string, string>(), ReplicaKey.Parse("sim-a@gpu-1")));
        Assert.True(ModelReplicaPlacementDirector.Serves(Web, ReplicaKey.Parse("sim-a")));
    }

    [Fact]
    public void Describe_GpuNode_AdvertisesRoleNodeModelsAndEndpoints()
    {
        Assert.Equal("gpu", Gpu1[SiloMetadataKeys.Role]);
        Assert.Equal("gpu-1", Gpu1[SiloMetadataKeys.Node]);
        Assert.Equal(["sim-a", "llama-3.1-8b"], SiloMetadataKeys.ParseModels(Gpu1[SiloMetadataKeys.Models]));
        Assert.Equal("http://10.0.0.1:8001/v1", Gpu1[SiloMetadataKeys.Endpoint("llama-3.1-8b")]);
        Assert.False(Web.ContainsKey(SiloMetadataKeys.Node));
        Assert.False(Web.ContainsKey(SiloMetadataKeys.Models));
    }

    [Fact]
    public void IsNoCompatibleSilo_RecognisesOnlyThePlacementFailure()
    {
        var placement = new OrleansException("No active nodes are compatible with grain modelgrain/sim-a@gpu-9 and interface version 0");

        Assert.True(ModelPlacement.IsNoCompatibleSilo(placement));
        Assert.True(ModelPlacement.IsNoCompatibleSilo(new AggregateException(placement)));
        Assert.True(ModelPlacement.IsNoCompatibleSilo(new InvalidOperationException("wrapped", placement)));
        Assert.False(ModelPlacement.IsNoCompatibleSilo(new OrleansException("Response did not arrive on time")));
        Assert.False(ModelPlacement.IsNoCompatibleSilo(new TimeoutException()));
        Assert.False(ModelPlacement.IsNoCompatibleSilo(null));
    }
}
