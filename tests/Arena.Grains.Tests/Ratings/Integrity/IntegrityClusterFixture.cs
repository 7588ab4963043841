using Arena.Hosting;
using Arena.Ratings.Ledger;
using Arena.Storage;
using Microsoft.Data.Sqlite;
using Orleans.TestingHost;

namespace Arena.Grains.Tests.Ratings.Integrity;

/// <summary>A real one-silo Orleans cluster with the leaderboard on a SQLite ledger; the detector has its default settings.</summary>
public sealed class IntegrityClusterFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "arena-integrity-" + Guid.NewGuid().ToString("N"));

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public IServiceProvider SiloServices => Cluster.Silos[0].SiloHost.Services;

    public async Task InitializeAsync()
    {
        var connectionString = $"Data Source={Path.Combine(_directory, "arena.db")}";
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo
            .AddArenaSqliteStorage(ArenaNames.Storage, connectionString)
            .AddArenaVoteLedger(DatabaseKind.Sqlite, connectionString)
            .AddArenaGrains());
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

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

[CollectionDefinition(Name)]
public sealed class IntegrityCollection : ICollectionFixture<IntegrityClusterFixture>
{
    public const string Name = "integrity";
}
