using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Arena.Tests.Shared;

/// <summary>
/// A throwaway PostgreSQL 15 server on a free loopback port, run as the unprivileged user
/// <c>arenapg</c> (the server refuses to run as root). Stop it with <see cref="DisposeAsync"/>.
/// Shared, as a linked source file, by the test projects that need a real PostgreSQL.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private const string OsUser = "arenapg";
    private const string Password = "arena-test-pw";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "arena-pg-" + Guid.NewGuid().ToString("N"));
    private int _port;
    private bool _started;

    private string DataDirectory => Path.Combine(_directory, "data");

    public string ConnectionStringFor(string database) =>
        $"Host=127.0.0.1;Port={_port};Username=postgres;Password={Password};Database={database};Pooling=true";

    public static async Task<PostgresServer> StartAsync()
    {
        var server = new PostgresServer();
        await server.StartCoreAsync();
        return server;
    }

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

    private async Task StartCoreAsync()
    {
        if (!File.Exists(Path.Combine(BinDirectory, "initdb")) || !File.Exists(Path.Combine(BinDirectory, "pg_ctl")))
        {
            throw new InvalidOperationException(
                $"PostgreSQL 15 server binaries were not found in {BinDirectory}. Install them (apt-get install -y postgresql-15) to run the PostgreSQL tests.");
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
            "-o", $"-c listen_addresses=127.0.0.1 -p {_port} -k {_directory} -c fsync=off -c max_connections=300", "start");
        _started = true;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_started)
        {
            await RunAsPostgresUserAsync("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "stop");
        }

        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
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
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{fileName} {string.Join(' ', args)}' exited with {process.ExitCode}: {await stderr}{await stdout}");
        }
    }
}
