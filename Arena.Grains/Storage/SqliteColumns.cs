using System.Data.Common;

namespace Arena.Storage;

/// <summary>
/// Columns added to Arena's SQLite tables after they were first created. SQLite has no
/// <c>ADD COLUMN IF NOT EXISTS</c>, so each is added only when <c>pragma_table_info</c> lacks it.
/// </summary>
internal static class SqliteColumns
{
    private static readonly (string Table, string Column, string Definition)[] Added =
    [
        ("arena_vote_ledger", "client_hash", "TEXT NOT NULL DEFAULT ''"),
        ("arena_vote_ledger", "prompt_hash", "TEXT NOT NULL DEFAULT ''"),
        ("arena_vote_ledger", "writer_epoch", "INTEGER NOT NULL DEFAULT 0"),
    ];

    /// <summary>Adds the missing columns, inside the schema's transaction.</summary>
    public static async Task EnsureAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        foreach (var (table, column, definition) in Added)
        {
            await using var check = connection.CreateCommand();
            check.Transaction = transaction;
            check.CommandText = $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = '{column}'";
            if (Convert.ToInt64(await check.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) > 0)
            {
                continue;
            }

            await using var alter = connection.CreateCommand();
            alter.Transaction = transaction;
            alter.CommandText = $"ALTER TABLE {table} ADD COLUMN {column} {definition}";
            await alter.ExecuteNonQueryAsync(ct);
        }
    }
}
