using Arena.Storage;
using Microsoft.Data.Sqlite;
using Orleans.TestingHost;

namespace Arena.Grains.Tests.Storage;

/// <summary>A temp SQLite file and a way to start single-silo clusters that persist into it.</summary>
public sealed class SqliteClusterFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "arena-sqlite-" + Guid.NewGuid().ToString("N"));

    public string ConnectionString => $"Data Source={Path.Combine(_directory, "grains.db")}";

    /// <summary>Fixed, so a restarted cluster reads the rows its predecessor wrote.</summary>
    public string ServiceId { get; } = "arena-sqlite-tests";

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public async Task<InProcessTestCluster> StartClusterAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = ServiceId;
        builder.ConfigureSilo((_, silo) => silo.AddArenaSqliteStorage(ProbeGrain.StorageName, ConnectionString));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    public async Task InitializeAsync() => Cluster = await StartClusterAsync();

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
