using System.Data.Common;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Arena.Storage;

/// <summary>
/// Applies Arena's schema for the Orleans ADO.NET providers (tables, functions and the
/// <c>OrleansQuery</c> rows). Every script is idempotent, so this runs on every start, and
/// concurrent starts are serialised (a PostgreSQL advisory lock, an immediate SQLite transaction).
/// </summary>
public static class ArenaSchema
{
    // Any constant works; it only has to be the same for every Arena process on one database.
    private const long PostgresAdvisoryLockKey = 0x4172656E61L; // "Arena"

    private const string SqliteDataProtectionScript = "sqlite-data-protection.sql";
    private const string PostgresDataProtectionScript = "postgres-data-protection.sql";

    private static readonly string[] SqliteScripts = ["sqlite-persistence.sql", "sqlite-ledger.sql", "sqlite-ledger-writer.sql", "sqlite-datasets.sql", "sqlite-integrity.sql", "sqlite-answer-cache.sql", SqliteDataProtectionScript];

    private static readonly string[] PostgresScripts =
        ["postgres-persistence.sql", "postgres-clustering.sql", "postgres-reminders.sql", "postgres-ledger.sql", "postgres-ledger-writer.sql", "postgres-datasets.sql", "postgres-integrity.sql", "postgres-answer-cache.sql", PostgresDataProtectionScript];

    /// <summary>The ADO.NET invariant Orleans expects for <paramref name="kind"/>.</summary>
    /// <remarks>SQLite is <c>System.Data.SQLite</c>: Orleans maps that name to Microsoft.Data.Sqlite.</remarks>
    public static string Invariant(DatabaseKind kind) => kind switch
    {
        DatabaseKind.Sqlite => "System.Data.SQLite",
        DatabaseKind.PostgreSql => "Npgsql",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown database kind."),
    };

    /// <summary>Creates or updates the schema in the database at <paramref name="connectionString"/>.</summary>
    public static Task ApplyAsync(DatabaseKind kind, string connectionString, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return kind switch
        {
            DatabaseKind.Sqlite => ApplySqliteAsync(connectionString, ct),
            DatabaseKind.PostgreSql => ApplyPostgresAsync(connectionString, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown database kind."),
        };
    }

    /// <summary>
    /// Creates the Data Protection key table (<c>arena_data_protection_keys</c>) alone, synchronously. ASP.NET Core reads
    /// its key ring synchronously, and may do so before the silo applies the whole schema (which includes this table).
    /// </summary>
    public static void ApplyDataProtectionKeys(DatabaseKind kind, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        switch (kind)
        {
            case DatabaseKind.Sqlite:
                EnsureSqliteDirectory(connectionString);
                using (var connection = new SqliteConnection(connectionString))
                {
                    connection.Open();
                    Execute(connection, null, "PRAGMA busy_timeout = 10000;" + ReadScript(SqliteDataProtectionScript));
                }

                break;
            case DatabaseKind.PostgreSql:
                using (var connection = new NpgsqlConnection(connectionString))
                {
                    connection.Open();
                    using var transaction = connection.BeginTransaction();
                    Execute(connection, transaction, $"SELECT pg_advisory_xact_lock({PostgresAdvisoryLockKey});");
                    Execute(connection, transaction, ReadScript(PostgresDataProtectionScript));
                    transaction.Commit();
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown database kind.");
        }
    }

    private static async Task ApplySqliteAsync(string connectionString, CancellationToken ct)
    {
        EnsureSqliteDirectory(connectionString);

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);

        // WAL is a property of the file and cannot be switched inside a transaction.
        await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", ct);

        // BEGIN IMMEDIATE: a second process waits (busy timeout) instead of interleaving.
        await using var transaction = (DbTransaction)await connection.BeginTransactionAsync(ct);
        foreach (var script in SqliteScripts)
        {
            await ExecuteAsync(connection, transaction, await ReadScriptAsync(script, ct), ct);
        }

        await SqliteColumns.EnsureAsync(connection, transaction, ct);
        await transaction.CommitAsync(ct);
    }

    private static async Task ApplyPostgresAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);

        // Concurrent CREATE OR REPLACE FUNCTION / CREATE TABLE IF NOT EXISTS can fail with
        // "tuple concurrently updated" or a unique violation; the lock makes starts take turns.
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({PostgresAdvisoryLockKey});", ct);
        foreach (var script in PostgresScripts)
        {
            await ExecuteAsync(connection, transaction, await ReadScriptAsync(script, ct), ct);
        }

        await transaction.CommitAsync(ct);
    }

    private static void EnsureSqliteDirectory(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var dataSource = builder.DataSource;
        if (builder.Mode == SqliteOpenMode.Memory
            || string.IsNullOrEmpty(dataSource)
            || dataSource.Equals(":memory:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static void Execute(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string ReadScript(string fileName)
    {
        using var reader = new StreamReader(OpenScript(fileName));
        return reader.ReadToEnd();
    }

    private static Stream OpenScript(string fileName)
    {
        var resourceName = $"Arena.Storage.Sql.{fileName}";
        return Assembly.GetExecutingAssembly().GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded schema script '{resourceName}' is missing from {typeof(ArenaSchema).Assembly.GetName().Name}.");
    }

    private static async Task<string> ReadScriptAsync(string fileName, CancellationToken ct)
    {
        await using var stream = OpenScript(fileName);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(ct);
    }
}
