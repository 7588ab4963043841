using System.Text;
using Arena.Storage;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Arena.Ratings.Ledger;

/// <summary>
/// Appends ledger rows on SQLite through prepared multi-row INSERTs bound by position (SQLite's own API, under
/// Microsoft.Data.Sqlite): named parameters are looked up one by one on every execution, which costs more than the
/// insert itself at a million rows. Rows get their sequence numbers in list order but are inserted in battle-id order:
/// the ids are random, and in id order each page of the battle-id index is visited once per chunk instead of once
/// per row, which at a million rows is most of an import's cost.
/// </summary>
internal static class SqliteBulkInsert
{
    private const int RowsPerStatement = 64;
    private const int ColumnCount = 19;

    /// <summary>
    /// Inserts the entries inside the connection's open transaction, which must hold SQLite's write lock (BEGIN
    /// IMMEDIATE, Microsoft.Data.Sqlite's default), numbered in list order after the ledger's last sequence number.
    /// Returns their seq range, or null when a battle is already in the ledger, in which case the caller rolls back.
    /// The rows carry the writer's <paramref name="epoch"/>.
    /// </summary>
    public static (long First, long Last)? Append(SqliteConnection connection, IReadOnlyList<LedgerEntry> entries, long epoch)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        var first = LastSeq(db) + 1;
        var order = InBattleIdOrder(entries);
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
                        raw.sqlite3_bind_int64(statement, index++, first + order[i]);
                        Bind(statement, ref index, entries[order[i]], ref buffer);
                        raw.sqlite3_bind_int64(statement, index++, epoch);
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

        return (first, first + entries.Count - 1);
    }

    /// <summary>The last sequence number given, as AUTOINCREMENT counts it: the largest row or the largest ever used.</summary>
    private static long LastSeq(sqlite3 db)
    {
        const string sql = """
            SELECT max(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'arena_vote_ledger'), 0),
                       COALESCE((SELECT max(seq) FROM arena_vote_ledger), 0))
            """;
        var rc = raw.sqlite3_prepare_v2(db, sql, out var statement);
        using (statement)
        {
            if (rc != raw.SQLITE_OK || (rc = raw.sqlite3_step(statement)) != raw.SQLITE_ROW)
            {
                throw new SqliteException($"SQLite error {rc}: {raw.sqlite3_errmsg(db).utf8_to_string()}", rc);
            }

            return raw.sqlite3_column_int64(statement, 0);
        }
    }

    /// <summary>The entries' positions sorted by the battle id as stored (its text, compared bytewise as SQLite does).</summary>
    private static int[] InBattleIdOrder(IReadOnlyList<LedgerEntry> entries)
    {
        var keys = new string[entries.Count];
        var order = new int[entries.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = entries[i].Vote.BattleId.ToString("D");
            order[i] = i;
        }

        Array.Sort(keys, order, StringComparer.Ordinal);
        return order;
    }

    private static sqlite3_stmt Prepare(sqlite3 db, int rows)
    {
        var values = "(" + string.Join(", ", Enumerable.Repeat("?", ColumnCount)) + ")";
        var sql = $"""
            INSERT INTO arena_vote_ledger (seq, battle_id, voted_at, model_a, model_b, outcome, category, mode, session_hash, counted, excluded_reason, rating_a, rating_b, delta_a, delta_b, source, client_hash, prompt_hash, writer_epoch)
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
