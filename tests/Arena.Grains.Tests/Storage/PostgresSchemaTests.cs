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

    private static async Task AssertSchemaAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var keys = await SqlHelpers.ReadStringsAsync(connection, "SELECT querykey FROM orleansquery");
        Assert.Equal(ExpectedQueryKeys.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
        var tables = await SqlHelpers.ReadStringsAsync(connection,
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name");
        Assert.Equal(["arena_answer_cache", "arena_data_protection_keys", "arena_dataset", "arena_grain_state", "arena_membership", "arena_membership_version", "arena_reminder", "arena_vote_import_pending", "arena_vote_ledger", "arena_vote_outbox", "arena_vote_quarantine", "orleansquery"], tables);
    }
}
