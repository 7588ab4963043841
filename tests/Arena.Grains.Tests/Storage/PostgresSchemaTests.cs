using Arena.Storage;
using Npgsql;

namespace Arena.Grains.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresSchemaTests(PostgresFixture fixture)
{
    private static readonly string[] ExpectedQueryKeys =
    [
        // Clustering (10.4.2 also reads the optional CleanupDefunctSiloEntryKey).
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey", "DeleteMembershipTableEntriesKey",
        "GatewaysQueryKey", "InsertMembershipKey", "InsertMembershipVersionKey", "MembershipReadAllKey",
        "MembershipReadRowKey", "UpdateIAmAlivetimeKey", "UpdateMembershipKey",
        // Reminders.
        "DeleteReminderRowKey", "DeleteReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "ReadReminderRowKey", "ReadReminderRowsKey", "UpsertReminderRowKey",
    ];

    private readonly PostgresFixture _fixture = fixture;

    [Fact]
    public async Task ApplyAsync_Twice_IsIdempotent()
    {
        var connectionString = await _fixture.CreateDatabaseAsync("schema_twice");

        await ArenaSchema.ApplyAsync(DatabaseKind.PostgreSql, connectionString);
        await ArenaSchema.ApplyAsync(DatabaseKind.PostgreSql, connectionString);

        await AssertSchemaAsync(connectionString);
    }

    [Fact]
    public async Task ApplyAsync_ConcurrentlyFromTwoTasks_BothSucceed()
    {
        var connectionString = await _fixture.CreateDatabaseAsync("schema_concurrent");

        await Task.WhenAll(
            Task.Run(() => ArenaSchema.ApplyAsync(DatabaseKind.PostgreSql, connectionString)),
            Task.Run(() => ArenaSchema.ApplyAsync(DatabaseKind.PostgreSql, connectionString)));

        await AssertSchemaAsync(connectionString);
    }

    [Fact]
    public async Task ApplyAsync_LedgerFromBeforeTheWriterFence_GainsTheFenceAndKeepsItsRows()
    {
        var connectionString = await _fixture.CreateDatabaseAsync("schema_fence_" + Guid.NewGuid().ToString("N")[..8]);
        await using (var old = new NpgsqlConnection(connectionString))
        {
            await old.OpenAsync();
            await using var create = old.CreateCommand();
            create.CommandText = """
                CREATE TABLE arena_vote_ledger (seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, battle_id TEXT NOT NULL UNIQUE,
                  voted_at TIMESTAMPTZ NOT NULL, model_a TEXT NOT NULL, model_b TEXT NOT NULL, outcome TEXT NOT NULL, category TEXT NOT NULL,
                  mode TEXT NOT NULL, session_hash TEXT NOT NULL, counted BOOLEAN NOT NULL, excluded_reason TEXT NULL,
                  rating_a DOUBLE PRECISION NOT NULL, rating_b DOUBLE PRECISION NOT NULL, delta_a DOUBLE PRECISION NOT NULL,
                  delta_b DOUBLE PRECISION NOT NULL, source TEXT NOT NULL DEFAULT 'vote');
                INSERT INTO arena_vote_ledger (battle_id, voted_at, model_a, model_b, outcome, category, mode, session_hash, counted, rating_a, rating_b, delta_a, delta_b)
                VALUES ('b1', '2026-01-01T00:00:00Z', 'x', 'y', 'model_a', 'general', 'anony', 's', TRUE, 1516, 1484, 16, -16);
                """;
            await create.ExecuteNonQueryAsync();
        }

        await ArenaSchema.ApplyAsync(DatabaseKind.PostgreSql, connectionString);
        await ArenaSchema.ApplyAsync(DatabaseKind.PostgreSql, connectionString);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        Assert.Equal(["b1|0"], await SqlHelpers.ReadStringsAsync(connection, "SELECT battle_id || '|' || writer_epoch FROM arena_vote_ledger"));
        Assert.Equal(["1|0"], await SqlHelpers.ReadStringsAsync(connection, "SELECT id || '|' || epoch FROM arena_ledger_writer"));
    }

    private static async Task AssertSchemaAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var keys = await SqlHelpers.ReadStringsAsync(connection, "SELECT querykey FROM orleansquery");
        Assert.Equal(ExpectedQueryKeys.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
        var tables = await SqlHelpers.ReadStringsAsync(connection,
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name");
        Assert.Equal(["arena_answer_cache", "arena_data_protection_keys", "arena_dataset", "arena_grain_state", "arena_ledger_writer", "arena_membership", "arena_membership_version", "arena_reminder", "arena_vote_import_pending", "arena_vote_ledger", "arena_vote_outbox", "arena_vote_quarantine", "orleansquery"], tables);
    }
}
