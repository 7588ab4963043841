using System.Data.Common;
using System.Xml.Linq;
using Arena.Storage;
using Arena.Tests.Shared;
using Arena.Web.Sessions.KeyRing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Arena.Web.Tests.Sessions.KeyRing;

/// <summary>
/// Empty databases for the key ring tests: SQLite files in a temp directory, and databases on one throwaway
/// PostgreSQL 15 server (run as the unprivileged user <c>arenapg</c>), shared by the tests of <see cref="KeyRingCollection"/>.
/// </summary>
public sealed class KeyRingDatabases : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "arena-keyring-tests-" + Guid.NewGuid().ToString("N"));
    private PostgresServer? _postgres;
    private int _created;

    /// <summary>A directory of this fixture's own, for key files and SQLite databases.</summary>
    public string Directory => _directory;

    /// <summary>The certificates of the tests' web hosts: <see cref="TestCertificates.KeyRingSettings"/> encrypts their key rings.</summary>
    public TestCertificates Certificates { get; } = new("arena-keyring-tests");

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(_directory);
        _postgres = await PostgresServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        Certificates.Dispose();
        SqliteConnection.ClearAllPools();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        if (System.IO.Directory.Exists(_directory))
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>A new, empty database of <paramref name="kind"/>: its connection string.</summary>
    public async Task<string> CreateAsync(DatabaseKind kind)
    {
        var name = $"keyring_{Interlocked.Increment(ref _created)}";
        return kind switch
        {
            DatabaseKind.Sqlite => $"Data Source={Path.Combine(_directory, name, "arena.db")}",
            DatabaseKind.PostgreSql => await (_postgres ?? throw new InvalidOperationException("PostgreSQL has not started.")).CreateDatabaseAsync(name),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    /// <summary>The rows of <c>arena_data_protection_keys</c>: each element's name and XML.</summary>
    public static async Task<List<(string Name, XElement Xml)>> ReadRowsAsync(DatabaseKind kind, string connectionString)
    {
        await using var connection = await OpenAsync(kind, connectionString);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT friendly_name, xml FROM {DatabaseXmlRepository.Table} ORDER BY friendly_name";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, XElement)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), XElement.Parse(reader.GetString(1))));
        }

        return rows;
    }

    /// <summary>The columns of <paramref name="table"/>, as "name type not-null primary-key", in order.</summary>
    public static async Task<List<string>> ReadColumnsAsync(DatabaseKind kind, string connectionString, string table)
    {
        await using var connection = await OpenAsync(kind, connectionString);
        await using var command = connection.CreateCommand();
        command.CommandText = kind == DatabaseKind.Sqlite
            ? $"SELECT name, lower(type), \"notnull\" = 1, pk > 0 FROM pragma_table_info('{table}') ORDER BY cid"
            : $"""
               SELECT c.column_name, c.data_type, c.is_nullable = 'NO',
                      EXISTS (SELECT 1 FROM information_schema.key_column_usage k
                              JOIN information_schema.table_constraints t ON t.constraint_name = k.constraint_name AND t.constraint_type = 'PRIMARY KEY'
                              WHERE k.table_name = c.table_name AND k.column_name = c.column_name)
               FROM information_schema.columns c WHERE c.table_name = '{table}' ORDER BY c.ordinal_position
               """;
        await using var reader = await command.ExecuteReaderAsync();
        var columns = new List<string>();
        while (await reader.ReadAsync())
        {
            var notNull = reader.GetBoolean(2) ? " not-null" : "";
            var primaryKey = reader.GetBoolean(3) ? " primary-key" : "";
            columns.Add($"{reader.GetString(0)} {reader.GetString(1)}{notNull}{primaryKey}");
        }

        return columns;
    }

    private static async Task<DbConnection> OpenAsync(DatabaseKind kind, string connectionString)
    {
        DbConnection connection = kind == DatabaseKind.Sqlite ? new SqliteConnection(connectionString) : new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }
}

[CollectionDefinition(Name)]
public sealed class KeyRingCollection : ICollectionFixture<KeyRingDatabases>
{
    public const string Name = "Key ring databases";
}
