using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Arena.Storage;
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
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private const string OsUser = "arenapg";
    private const string Password = "arena-test-pw";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "arena-pg-" + Guid.NewGuid().ToString("N"));
    private int _port;
    private TestCluster? _cluster;

    /// <summary>The cluster's database: schema applied by the silos themselves.</summary>
    public string ClusterConnectionString => ConnectionStringFor("arena_cluster");

    public TestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster has not started.");

    public string ConnectionStringFor(string database) =>
        $"Host=127.0.0.1;Port={_port};Username=postgres;Password={Password};Database={database};Pooling=true";

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE \"{name}\"";
        await command.ExecuteNonQueryAsync();
        return ConnectionStringFor(name);
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(Path.Combine(BinDirectory, "initdb")) || !File.Exists(Path.Combine(BinDirectory, "pg_ctl")))
        {
            throw new InvalidOperationException(
                $"PostgreSQL 15 server binaries were not found in {BinDirectory}. Install them (apt-get install -y postgresql-15) to run the PostgreSQL storage tests.");
        }

        await RunAsync("/bin/sh", "-c", $"id -u {OsUser} >/dev/null 2>&1 || useradd -m -s /bin/bash {OsUser}");
        Directory.CreateDirectory(_directory);
        var passwordFile = Path.Combine(_directory, "pw");
        await File.WriteAllTextAsync(passwordFile, Password);
        await RunAsync("chown", "-R", OsUser, _directory);

        _port = FreePort();
        await RunAsPostgresUserAsync("initdb", "-D", DataDirectory, "-U", "postgres", $"--pwfile={passwordFile}",
            "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
        await RunAsPostgresUserAsync("pg_ctl", "-D", DataDirectory, "-l", Path.Combine(_directory, "log"), "-w", "-t", "30",
            "-o", $"-c listen_addresses=127.0.0.1 -p {_port} -k {_directory} -c fsync=off", "start");

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

        NpgsqlConnection.ClearAllPools();
        if (Directory.Exists(DataDirectory))
        {
            await RunAsPostgresUserAsync("pg_ctl", "-D", DataDirectory, "-m", "fast", "-w", "stop");
        }

        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private string DataDirectory => Path.Combine(_directory, "data");

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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task RunAsPostgresUserAsync(string tool, params string[] args) =>
        RunAsync("runuser", ["-u", OsUser, "--", Path.Combine(BinDirectory, tool), .. args]);

    private static async Task RunAsync(string fileName, params string[] args)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{fileName} {string.Join(' ', args)}' exited with {process.ExitCode}: {await stderr}{await stdout}");
        }
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
