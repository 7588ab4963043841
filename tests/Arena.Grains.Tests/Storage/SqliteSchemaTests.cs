using Arena.Storage;
using Microsoft.Data.Sqlite;

namespace Arena.Grains.Tests.Storage;

public sealed class SqliteSchemaTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "arena-sqlite-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task ApplyAsync_Twice_IsIdempotentAndCreatesDirectory()
    {
        // The nested directory does not exist yet: ApplyAsync must create it.
        var connectionString = $"Data Source={Path.Combine(_directory, "nested", "arena.db")}";

        await ArenaSchema.ApplyAsync(DatabaseKind.Sqlite, connectionString);
        await ArenaSchema.ApplyAsync(DatabaseKind.Sqlite, connectionString);

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var keys = await SqlHelpers.ReadStringsAsync(connection, "SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey");
        Assert.Equal(["ClearStorageKey", "DeleteStorageKey", "ReadFromStorageKey", "WriteToStorageKey"], keys);
        var journalMode = await SqlHelpers.ReadStringsAsync(connection, "PRAGMA journal_mode");
        Assert.Equal(["wal"], journalMode);
    }

    [Fact]
    public void Invariant_EachKind_MatchesOrleansNames()
    {
        Assert.Equal("System.Data.SQLite", ArenaSchema.Invariant(DatabaseKind.Sqlite));
        Assert.Equal("Npgsql", ArenaSchema.Invariant(DatabaseKind.PostgreSql));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
