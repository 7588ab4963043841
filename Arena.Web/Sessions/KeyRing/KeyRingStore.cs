using Arena.Storage;
using Arena.Web.Hosting;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Arena.Web.Sessions.KeyRing;

/// <summary>
/// Where the Data Protection key ring lives: files in <c>Arena:DataProtection:KeysDirectory</c> when that is set;
/// otherwise Arena's database (PostgreSQL in the cluster profile, the SQLite file in the embedded profile), so that
/// every web host on it reads what another signed and a restart keeps every session; or memory only, for an
/// in-memory SQLite database, whose sessions need not outlive it.
/// </summary>
public abstract record KeyRingStore
{
    public const string Section = "Arena:DataProtection";

    /// <summary>The key naming a directory for the key ring instead of the database; relative paths start at the working directory.</summary>
    public const string DirectoryKey = Section + ":KeysDirectory";

    private KeyRingStore()
    {
    }

    /// <summary>The configured store; a configuration that names none that works is refused with the setting to fix.</summary>
    public static KeyRingStore From(IConfiguration configuration)
    {
        if (configuration[DirectoryKey] is { } configured && !string.IsNullOrWhiteSpace(configured))
        {
            return new InDirectory(new DirectoryInfo(Path.GetFullPath(configured)));
        }

        var connectionString = configuration.GetConnectionString(ProfileOptions.ConnectionStringName);
        if (ProfileOptions.IsCluster(configuration))
        {
            return new InDatabase(DatabaseKind.PostgreSql, PostgresConnectionString(connectionString), new DirectoryInfo(Path.GetFullPath(Path.Combine("data", "keys"))));
        }

        connectionString ??= ProfileOptions.DefaultSqlite;
        var sqlite = SqliteConnectionString(connectionString);
        if (sqlite.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(sqlite.DataSource) || sqlite.DataSource.Equals(":memory:", StringComparison.OrdinalIgnoreCase))
        {
            return new InMemory();
        }

        var databaseDirectory = Path.GetDirectoryName(Path.GetFullPath(sqlite.DataSource)) ?? Path.GetFullPath(".");
        return new InDatabase(DatabaseKind.Sqlite, connectionString, new DirectoryInfo(Path.Combine(databaseDirectory, "keys")));
    }

    private static string PostgresConnectionString(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ProfileOptions.ConnectionStringName}: the cluster profile keeps the Data Protection key ring in PostgreSQL and needs its connection string "
                + $"(environment variable ConnectionStrings__arena), or set {DirectoryKey} to a directory every web silo shares.");
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return connectionString;
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"ConnectionStrings:{ProfileOptions.ConnectionStringName} is not a PostgreSQL connection string: {ex.Message}", ex);
        }
    }

    private static SqliteConnectionStringBuilder SqliteConnectionString(string connectionString)
    {
        try
        {
            return new SqliteConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"ConnectionStrings:{ProfileOptions.ConnectionStringName} is not a SQLite connection string: {ex.Message}", ex);
        }
    }

    /// <summary>Key files in <paramref name="Directory"/>.</summary>
    public sealed record InDirectory(DirectoryInfo Directory) : KeyRingStore;

    /// <summary>
    /// The table <c>arena_data_protection_keys</c> of the database at <paramref name="ConnectionString"/>; the key files
    /// of <paramref name="FormerDirectory"/>, where earlier versions kept the ring by default, are copied in on first use.
    /// </summary>
    public sealed record InDatabase(DatabaseKind Kind, string ConnectionString, DirectoryInfo FormerDirectory) : KeyRingStore;

    /// <summary>In memory only: every restart starts a new key ring.</summary>
    public sealed record InMemory : KeyRingStore;
}
