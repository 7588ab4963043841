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
        var tables = await SqlHelpers.ReadStringsAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('arena_grain_state', 'OrleansQuery')");
        Assert.Equal(["arena_grain_state"], tables); // Orleans' storage queries are no longer kept
        var journalMode = await SqlHelpers.ReadStringsAsync(connection, "PRAGMA journal_mode");
        Assert.Equal(["wal"], journalMode);
    }

    [Fact]
    public async Task ApplyAsync_LedgerFromBeforeVoterIdentityAndTheWriterFence_GainsTheColumnsAndTheFenceAndKeepsItsRows()
    {
        var connectionString = $"Data Source={Path.Combine(_directory, "old.db")}";
        Directory.CreateDirectory(_directory);
        await using (var old = new SqliteConnection(connectionString))
        {
            await old.OpenAsync();
            await using var create = old.CreateCommand();
            create.CommandText = """
                CREATE TABLE arena_vote_ledger (seq INTEGER PRIMARY KEY AUTOINCREMENT, battle_id TEXT NOT NULL UNIQUE, voted_at TEXT NOT NULL,
                  model_a TEXT NOT NULL, model_b TEXT NOT NULL, outcome TEXT NOT NULL, category TEXT NOT NULL, mode TEXT NOT NULL,
                  session_hash TEXT NOT NULL, counted INTEGER NOT NULL, excluded_reason TEXT NULL, rating_a REAL NOT NULL, rating_b REAL NOT NULL,
                  delta_a REAL NOT NULL, delta_b REAL NOT NULL, source TEXT NOT NULL DEFAULT 'vote');
                INSERT INTO arena_vote_ledger (battle_id, voted_at, model_a, model_b, outcome, category, mode, session_hash, counted, rating_a, rating_b, delta_a, delta_b)
                VALUES ('b1', '2026-01-01T00:00:00Z', 'x', 'y', 'model_a', 'general', 'anony', 's', 1, 1516, 1484, 16, -16);
                """;
            await create.ExecuteNonQueryAsync();
        }

        await ArenaSchema.ApplyAsync(DatabaseKind.Sqlite, connectionString);
        await ArenaSchema.ApplyAsync(DatabaseKind.Sqlite, connectionString);

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var row = await SqlHelpers.ReadStringsAsync(connection, "SELECT battle_id || '|' || client_hash || '|' || prompt_hash || '|' || writer_epoch FROM arena_vote_ledger");
        Assert.Equal(["b1|||0"], row);
        Assert.Equal(["1|0"], await SqlHelpers.ReadStringsAsync(connection, "SELECT id || '|' || epoch FROM arena_ledger_writer"));
        var quarantine = await SqlHelpers.ReadStringsAsync(connection, "SELECT name FROM sqlite_master WHERE name = 'arena_vote_quarantine'");
        Assert.Equal(["arena_vote_quarantine"], quarantine);
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
