using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Arena.Grains.Tests.Storage;

public sealed class SqliteGrainStorageTests(SqliteClusterFixture fixture) : IClassFixture<SqliteClusterFixture>
{
    private readonly SqliteClusterFixture _fixture = fixture;

    [Fact]
    public async Task WriteState_ThenDeactivate_NewActivationReadsValue()
    {
        var grain = _fixture.Cluster.Client.GetGrain<IProbeGrain>("round-trip");
        await grain.WriteAsync("hello");
        var before = await grain.GetAsync();

        await _fixture.Cluster.DeactivateAsync(grain);
        var after = await grain.GetAsync();

        Assert.NotEqual(before.ActivationId, after.ActivationId);
        Assert.Equal("hello", after.Value);
        Assert.True(after.RecordExists);
        Assert.Equal(before.ETag, after.ETag);
    }

    [Fact]
    public async Task WriteState_WithStaleETag_ThrowsInconsistentStateException()
    {
        var grain = _fixture.Cluster.Client.GetGrain<IProbeGrain>("conflict");
        await grain.WriteAsync("first");

        // Another writer (the same provider, as a second activation would) moves the version on.
        var storage = _fixture.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(ProbeGrain.StorageName);
        var other = new GrainState<ProbeState>();
        await storage.ReadStateAsync("probe", grain.GetGrainId(), other);
        other.State!.Value = "sneaky";
        await storage.WriteStateAsync("probe", grain.GetGrainId(), other);

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.WriteAsync("second"));

        var fresh = new GrainState<ProbeState>();
        await storage.ReadStateAsync("probe", grain.GetGrainId(), fresh);
        Assert.Equal("sneaky", fresh.State!.Value);
    }

    [Fact]
    public async Task ClearState_AfterWrite_RemovesValueAndKeepsVersioning()
    {
        var grain = _fixture.Cluster.Client.GetGrain<IProbeGrain>("clear");
        await grain.WriteAsync("to-be-cleared");
        var written = await grain.GetAsync();

        await grain.ClearAsync();
        await _fixture.Cluster.DeactivateAsync(grain);
        var cleared = await grain.GetAsync();

        Assert.Null(cleared.Value);
        Assert.False(cleared.RecordExists);
        Assert.NotEqual(written.ETag, cleared.ETag);

        // A write after a clear continues from the cleared row's version.
        await grain.WriteAsync("again");
        await _fixture.Cluster.DeactivateAsync(grain);
        Assert.Equal("again", (await grain.GetAsync()).Value);
    }

    [Fact]
    public async Task WriteState_ThenFullClusterRestart_ValueSurvives()
    {
        var first = await _fixture.StartClusterAsync();
        try
        {
            await first.Client.GetGrain<IProbeGrain>("restart").WriteAsync("durable");
        }
        finally
        {
            await first.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        var second = await _fixture.StartClusterAsync();
        try
        {
            var snapshot = await second.Client.GetGrain<IProbeGrain>("restart").GetAsync();
            Assert.Equal("durable", snapshot.Value);
            Assert.True(snapshot.RecordExists);
        }
        finally
        {
            await second.DisposeAsync();
        }
    }
}
