using Arena.Storage;
using Arena.Tests.Shared;
using Npgsql;
using Orleans.TestingHost;

namespace Arena.Grains.Tests.Storage;

/// <summary>
/// Starts a throwaway PostgreSQL 15 server (as the unprivileged user <c>arenapg</c>, since the server
/// refuses to run as root) on a free loopback port, and one 2-silo cluster on it, shared by the
/// PostgreSQL tests. Stops both on dispose.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? _server;
    private TestCluster? _cluster;

    /// <summary>The cluster's database: schema applied by the silos themselves.</summary>
    public string ClusterConnectionString => ConnectionStringFor("arena_cluster");

    public TestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster has not started.");

    private PostgresServer Server => _server ?? throw new InvalidOperationException("PostgreSQL has not started.");

    public string ConnectionStringFor(string database) => Server.ConnectionStringFor(database);

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public Task<string> CreateDatabaseAsync(string name) => Server.CreateDatabaseAsync(name);

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.StartAsync();
        await CreateDatabaseAsync("arena_cluster");

        // A non-UTC session time zone makes any UTC/local mix-up in timestamp parameters visible.
        await using (var connection = new NpgsqlConnection(ConnectionStringFor("postgres")))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "ALTER DATABASE arena_cluster SET timezone = 'America/New_York'";
            await command.ExecuteNonQueryAsync();
        }

        _cluster = await StartClusterAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task<TestCluster> StartClusterAsync()
    {
        var builder = new TestClusterBuilder(2);
        builder.Options.UseTestClusterMembership = false;
        builder.Properties[PostgresSiloConfigurator.ConnectionStringKey] = ClusterConnectionString;
        builder.AddSiloBuilderConfigurator<PostgresSiloConfigurator>();
        builder.AddClientBuilderConfigurator<PostgresSiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}

/// <summary>Configures test silos and the test client for PostgreSQL storage, clustering and reminders.</summary>
public sealed class PostgresSiloConfigurator : ISiloConfigurator, IClientBuilderConfigurator
{
    public const string ConnectionStringKey = "ArenaTests:PostgresConnectionString";

    public void Configure(ISiloBuilder siloBuilder)
    {
        var connectionString = siloBuilder.Configuration[ConnectionStringKey]
            ?? throw new InvalidOperationException($"{ConnectionStringKey} is not configured.");
        siloBuilder
            .AddArenaPostgresClustering(connectionString)
            .AddArenaPostgresReminders(connectionString)
            .AddArenaPostgresStorage(ProbeGrain.StorageName, connectionString);
    }

    public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder clientBuilder)
    {
        var connectionString = configuration[ConnectionStringKey]
            ?? throw new InvalidOperationException($"{ConnectionStringKey} is not configured.");
        clientBuilder.UseAdoNetClustering(options =>
        {
            options.Invariant = ArenaSchema.Invariant(DatabaseKind.PostgreSql);
            options.ConnectionString = connectionString;
        });
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
