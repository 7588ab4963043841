using System.Data;
using System.Data.Common;
using Arena.Battles;
using Arena.Ratings.Rebuild;
using Arena.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;
using SQLitePCL;

namespace Arena.Ratings.Ledger;

/// <summary>
/// The whole ledger read for a rebuild, from one snapshot: only the columns that rate a vote, rows of imports in
/// progress skipped in code from their ranges (read first, in the same snapshot) rather than by a per-row subquery.
/// On SQLite the rows are stepped through the connection's native statement, so that the ledger's text columns are
/// matched as UTF-8 bytes and a million rows allocate nothing per row.
/// </summary>
public sealed partial class AdoNetVoteLedger
{
    /// <summary>Ledgers with at least this many rows are read in two halves at once (tests lower it).</summary>
    internal long ParallelReadRows { get; set; } = 100_000;

    private const int RatedSeq = 0;
    private const int RatedCounted = 1;
    private const int RatedModelA = 2;
    private const int RatedModelB = 3;
    private const int RatedOutcome = 4;
    private const int RatedCategory = 5;
    private const int RatedMode = 6;
    private const int RatedSession = 7;
    private const int RatedClient = 8;

    public async Task<RatedVotes> ReadRatedAsync(VoteHold hold, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hold);
        var sql = "SELECT seq, counted, model_a, model_b, outcome, category"
            + (hold.IsEmpty ? string.Empty : ", mode, session_hash, client_hash")
            + " FROM arena_vote_ledger";
        await using var connection = await OpenAsync(cancellationToken);
        // One snapshot for the ranges and the rows. On SQLite a deferred transaction: it reads from the first read on
        // and never takes the write lock (Microsoft.Data.Sqlite's default, BEGIN IMMEDIATE, would hold every writer back).
        await using DbTransaction transaction = connection is SqliteConnection sqliteConnection
            ? sqliteConnection.BeginTransaction(deferred: true)
            : await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var pending = await PendingRangesAsync(connection, transaction, importId: null, cancellationToken);
        var votes = new RatedVotes();
        var skip = new PendingSkip(pending);
        if (connection is SqliteConnection sqlite)
        {
            await ReadRatedAsync(sqlite, sql, hold, pending, votes, cancellationToken);
        }
        else
        {
            await ReadRatedAsync(connection, transaction, sql + " ORDER BY seq", hold, skip, votes, cancellationToken);
        }

        return votes;
    }

    /// <summary>
    /// A large ledger is read in two halves at once, the second on a connection of its own. Together they are this
    /// snapshot's rows: the halves end at this snapshot's last row, ledger rows are only ever appended (with numbers
    /// above every committed one) or, while pending, deleted, and both halves skip the pending ranges read here.
    /// </summary>
    private async Task ReadRatedAsync(SqliteConnection connection, string sql, VoteHold hold, (long First, long Last)[] pending, RatedVotes votes, CancellationToken cancellationToken)
    {
        long last;
        await using (var max = connection.CreateCommand())
        {
            max.CommandText = "SELECT COALESCE(max(seq), 0) FROM arena_vote_ledger";
            last = Convert.ToInt64(await max.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        string Range(long after, long upTo) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{sql} WHERE seq > {after} AND seq <= {upTo} ORDER BY seq");
        if (last < ParallelReadRows)
        {
            ReadRated(connection, Range(0, last), hold, new PendingSkip(pending), votes);
            return;
        }

        var middle = last / 2;
        var second = Task.Run(async () =>
        {
            await using var other = (SqliteConnection)await OpenAsync(cancellationToken);
            await using var transaction = other.BeginTransaction(deferred: true);
            var half = new RatedVotes();
            ReadRated(other, Range(middle, last), hold, new PendingSkip(pending), half);
            return half;
        }, cancellationToken);
        ReadRated(connection, Range(0, middle), hold, new PendingSkip(pending), votes);
        votes.Append(await second);
    }

    private static void ReadRated(SqliteConnection connection, string sql, VoteHold hold, PendingSkip skip, RatedVotes votes)
    {
        var db = connection.Handle!;
        Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement));
        using (statement)
        {
            int result;
            while ((result = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                var seq = raw.sqlite3_column_int64(statement, RatedSeq);
                if (skip.Skips(seq))
                {
                    continue;
                }

                votes.Rows++;
                votes.LastSeq = seq;
                if (raw.sqlite3_column_int(statement, RatedCounted) == 0)
                {
                    continue;
                }

                var a = votes.Models.IdOf(raw.sqlite3_column_blob(statement, RatedModelA));
                var b = votes.Models.IdOf(raw.sqlite3_column_blob(statement, RatedModelB));
                var outcome = ParseOutcome(raw.sqlite3_column_blob(statement, RatedOutcome), seq);
                var category = votes.Categories.IdOf(raw.sqlite3_column_blob(statement, RatedCategory));
                if (!hold.IsEmpty && hold.Holds(
                        raw.sqlite3_column_blob(statement, RatedMode),
                        raw.sqlite3_column_blob(statement, RatedSession),
                        raw.sqlite3_column_blob(statement, RatedClient)))
                {
                    votes.Held++;
                    continue;
                }

                votes.Add(a, b, outcome, category);
            }

            Check(db, result == raw.SQLITE_DONE ? raw.SQLITE_OK : result);
        }
    }

    private static async Task ReadRatedAsync(DbConnection connection, DbTransaction transaction, string sql, VoteHold hold, PendingSkip skip, RatedVotes votes, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var seq = reader.GetInt64(RatedSeq);
            if (skip.Skips(seq))
            {
                continue;
            }

            votes.Rows++;
            votes.LastSeq = seq;
            if (!Convert.ToBoolean(reader.GetValue(RatedCounted), System.Globalization.CultureInfo.InvariantCulture))
            {
                continue;
            }

            var a = votes.Models.IdOf(reader.GetString(RatedModelA).AsSpan());
            var b = votes.Models.IdOf(reader.GetString(RatedModelB).AsSpan());
            var outcomeName = reader.GetString(RatedOutcome);
            var outcome = LedgerEntry.ParseOutcome(outcomeName) ?? throw new InvalidDataException($"Ledger row {seq} has an unknown outcome '{outcomeName}'.");
            var category = votes.Categories.IdOf(reader.GetString(RatedCategory).AsSpan());
            if (!hold.IsEmpty && hold.Holds(reader.GetString(RatedMode), reader.GetString(RatedSession), reader.GetString(RatedClient)))
            {
                votes.Held++;
                continue;
            }

            votes.Add(a, b, outcome, category);
        }
    }

    private static BattleOutcome ParseOutcome(ReadOnlySpan<byte> name, long seq) =>
        name.SequenceEqual("model_a"u8) ? BattleOutcome.A
        : name.SequenceEqual("model_b"u8) ? BattleOutcome.B
        : name.SequenceEqual("tie"u8) ? BattleOutcome.Tie
        : name.SequenceEqual("tie (bothbad)"u8) ? BattleOutcome.BothBad
        : throw new InvalidDataException($"Ledger row {seq} has an unknown outcome '{System.Text.Encoding.UTF8.GetString(name)}'.");

    private static void Check(sqlite3 db, int result)
    {
        if (result != raw.SQLITE_OK)
        {
            throw new SqliteException($"Reading the ledger failed: {raw.sqlite3_errmsg(db).utf8_to_string()}", result);
        }
    }

    /// <summary>Rows inside the ranges of imports still in progress, for rows read in ascending sequence order.</summary>
    private sealed class PendingSkip((long First, long Last)[] ranges)
    {
        private int _next;

        public bool Skips(long seq)
        {
            while (_next < ranges.Length && ranges[_next].Last < seq)
            {
                _next++;
            }

            return _next < ranges.Length && ranges[_next].First <= seq;
        }
    }
}
