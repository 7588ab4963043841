using System.Text;
using Arena.Storage;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Arena.Ratings.Ledger;

/// <summary>
/// Appends ledger rows on SQLite through prepared multi-row INSERTs bound by position (SQLite's own API, under
/// Microsoft.Data.Sqlite): named parameters are looked up one by one on every execution, which costs more than the
/// insert itself at a million rows.
/// </summary>
internal static class SqliteBulkInsert
{
    private const int RowsPerStatement = 64;
    private const int ColumnCount = 17;

    /// <summary>
    /// Inserts the entries in list order inside the connection's open transaction. Returns their seq range
    /// (consecutive: the transaction holds SQLite's write lock), or null when a battle is already in the ledger, in
    /// which case the caller rolls back.
    /// </summary>
    public static (long First, long Last)? Append(SqliteConnection connection, IReadOnlyList<LedgerEntry> entries)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        var buffer = new byte[1024];
        sqlite3_stmt? full = null;
        try
        {
            for (var start = 0; start < entries.Count; start += RowsPerStatement)
            {
                var count = Math.Min(RowsPerStatement, entries.Count - start);
                var statement = count == RowsPerStatement ? full ??= Prepare(db, count) : Prepare(db, count);
                try
                {
                    var index = 1;
                    for (var i = start; i < start + count; i++)
                    {
                        Bind(statement, ref index, entries[i], ref buffer);
                    }

                    var rc = raw.sqlite3_step(statement);
                    if (rc != raw.SQLITE_DONE)
                    {
                        if (raw.sqlite3_extended_errcode(db) == raw.SQLITE_CONSTRAINT_UNIQUE)
                        {
                            return null;
                        }

                        throw new SqliteException($"SQLite error {rc}: {raw.sqlite3_errmsg(db).utf8_to_string()}", rc, raw.sqlite3_extended_errcode(db));
                    }
                }
                finally
                {
                    raw.sqlite3_reset(statement);
                    if (!ReferenceEquals(statement, full))
                    {
                        statement.Dispose();
                    }
                }
            }
        }
        finally
        {
            full?.Dispose();
        }

        var last = raw.sqlite3_last_insert_rowid(db);
        return (last - entries.Count + 1, last);
    }

    private static sqlite3_stmt Prepare(sqlite3 db, int rows)
    {
        var values = "(" + string.Join(", ", Enumerable.Repeat("?", ColumnCount)) + ")";
        var sql = $"""
            INSERT INTO arena_vote_ledger (battle_id, voted_at, model_a, model_b, outcome, category, mode, session_hash, counted, excluded_reason, rating_a, rating_b, delta_a, delta_b, source, client_hash, prompt_hash)
            VALUES {string.Join(", ", Enumerable.Repeat(values, rows))}
            """;
        var rc = raw.sqlite3_prepare_v2(db, sql, out var statement);
        if (rc != raw.SQLITE_OK)
        {
            statement.Dispose();
            throw new SqliteException($"SQLite error {rc}: {raw.sqlite3_errmsg(db).utf8_to_string()}", rc);
        }

        return statement;
    }

    /// <summary>Binds one row's 17 values from <paramref name="index"/> on, in the column order of <see cref="Prepare"/>.</summary>
    private static void Bind(sqlite3_stmt statement, ref int index, LedgerEntry entry, ref byte[] buffer)
    {
        var vote = entry.Vote;
        Span<char> id = stackalloc char[36];
        vote.BattleId.TryFormat(id, out _, "D");
        Text(statement, index++, id, ref buffer);
        Text(statement, index++, (string)ArenaDatabase.TimeValue(DatabaseKind.Sqlite, vote.VotedAt), ref buffer);
        Text(statement, index++, vote.ModelA, ref buffer);
        Text(statement, index++, vote.ModelB, ref buffer);
        Text(statement, index++, LedgerEntry.OutcomeName(vote.Outcome), ref buffer);
        Text(statement, index++, vote.Category, ref buffer);
        Text(statement, index++, LedgerEntry.ModeName(vote.Mode), ref buffer);
        Text(statement, index++, vote.SessionHash, ref buffer);
        raw.sqlite3_bind_int64(statement, index++, vote.Counts ? 1 : 0);
        if (vote.Counts)
        {
            raw.sqlite3_bind_null(statement, index++);
        }
        else
        {
            Text(statement, index++, vote.ExcludedReason ?? "named battle", ref buffer);
        }

        raw.sqlite3_bind_double(statement, index++, entry.RatingA);
        raw.sqlite3_bind_double(statement, index++, entry.RatingB);
        raw.sqlite3_bind_double(statement, index++, entry.DeltaA);
        raw.sqlite3_bind_double(statement, index++, entry.DeltaB);
        Text(statement, index++, entry.Source, ref buffer);
        Text(statement, index++, vote.ClientHash, ref buffer);
        Text(statement, index++, vote.PromptHash, ref buffer);
    }

    /// <summary>Binds UTF-8 text (SQLite copies it), encoded into a reused buffer.</summary>
    private static void Text(sqlite3_stmt statement, int index, ReadOnlySpan<char> value, ref byte[] buffer)
    {
        if (value.IsEmpty)
        {
            raw.sqlite3_bind_text(statement, index, string.Empty); // an empty span would bind NULL
            return;
        }

        var needed = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (needed > buffer.Length)
        {
            buffer = new byte[needed];
        }

        var length = Encoding.UTF8.GetBytes(value, buffer);
        raw.sqlite3_bind_text(statement, index, buffer.AsSpan(0, length));
    }
}
