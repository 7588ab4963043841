using System.Data.Common;
using Arena.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Arena.Ratings.Ledger;

/// <summary>
/// Imports: chunks appended straight into the ledger, each in its own short transaction, their seq ranges listed in
/// <c>arena_vote_import_pending</c> until the import completes. Readers skip rows inside a listed range, so a chunk
/// is invisible until its import's ranges are deleted (one short transaction), and a failed import is removed
/// range by range.
/// </summary>
public sealed partial class AdoNetVoteLedger
{
    /// <summary>Rows that lie in a pending import's range are not in the ledger yet, for any reader.</summary>
    private const string NotPending =
        "NOT EXISTS (SELECT 1 FROM arena_vote_import_pending p WHERE p.first_seq <= l.seq AND p.last_seq >= l.seq)";

    public async Task<long?> AppendImportAsync(long epoch, Guid importId, IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken = default)
    {
        if (entries.Count == 0)
        {
            throw new ArgumentException("An import chunk needs at least one row.", nameof(entries));
        }

        // Pending rows need not be durable one by one: the completing transaction is, and it makes every earlier
        // write durable with it (WAL order). A crash before it loses only rows that would have been discarded.
        // A chunk's random battle ids touch most of that index's pages: room for them all, for this chunk only
        // (reset before the connection goes back to the pool).
        await using var connection = await ArenaDatabase.OpenAsync(
            _options.Kind, _options.ConnectionString, "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000; PRAGMA cache_size = -131072;", cancellationToken);
        try
        {
            return await AppendImportAsync(connection, epoch, importId, entries, cancellationToken);
        }
        finally
        {
            if (connection is SqliteConnection)
            {
                await using var reset = connection.CreateCommand();
                reset.CommandText = "PRAGMA cache_size = -2000; PRAGMA synchronous = FULL;";
                await reset.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
    }

    private async Task<long?> AppendImportAsync(DbConnection connection, long epoch, Guid importId, IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken)
    {
        // A turn per chunk: the writers that queued meanwhile (votes, battle state) go before the next one.
        using var turn = await SqliteWriteGate.EnterAsync(_options.Kind, _options.ConnectionString, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await FenceAsync(_options.Kind, connection, transaction, epoch, cancellationToken);
        (long First, long Last)? range = connection switch
        {
            SqliteConnection sqlite => SqliteBulkInsert.Append(sqlite, entries, epoch),
            NpgsqlConnection npgsql => await PostgresBulkCopy.AppendAsync(npgsql, (NpgsqlTransaction)transaction, entries, epoch, cancellationToken),
            _ => throw new InvalidOperationException($"Unknown connection {connection.GetType().Name}."),
        };
        if (range is not { } seqs)
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }

        await using (var pending = connection.CreateCommand())
        {
            pending.Transaction = transaction;
            pending.CommandText = "INSERT INTO arena_vote_import_pending (first_seq, last_seq, import_id) VALUES (@first, @last, @import_id)";
            Parameter(pending, "@first", seqs.First);
            Parameter(pending, "@last", seqs.Last);
            Parameter(pending, "@import_id", importId.ToString("D"));
            await pending.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return seqs.Last;
    }

    public async Task CompleteImportAsync(long epoch, Guid importId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        using var turn = await SqliteWriteGate.EnterAsync(_options.Kind, _options.ConnectionString, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await FenceAsync(_options.Kind, connection, transaction, epoch, cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM arena_vote_import_pending WHERE import_id = @import_id";
        Parameter(command, "@import_id", importId.ToString("D"));
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<long> DiscardImportAsync(long epoch, Guid? importId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var ranges = await PendingRangesAsync(connection, null, importId, cancellationToken);

        // One short transaction per chunk: the rows and their range go together, so no row ever becomes visible.
        long deleted = 0;
        foreach (var (first, last) in ranges)
        {
            using var turn = await SqliteWriteGate.EnterAsync(_options.Kind, _options.ConnectionString, cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await FenceAsync(_options.Kind, connection, transaction, epoch, cancellationToken);
            await using var rows = connection.CreateCommand();
            rows.Transaction = transaction;
            rows.CommandText = "DELETE FROM arena_vote_ledger WHERE seq >= @first AND seq <= @last";
            Parameter(rows, "@first", first);
            Parameter(rows, "@last", last);
            deleted += await rows.ExecuteNonQueryAsync(cancellationToken);
            await using var range = connection.CreateCommand();
            range.Transaction = transaction;
            range.CommandText = "DELETE FROM arena_vote_import_pending WHERE first_seq = @first";
            Parameter(range, "@first", first);
            await range.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return deleted;
    }

    /// <summary>The seq ranges of imports in progress (of one import, when given), in order, read in the caller's transaction if any.</summary>
    private static async Task<(long First, long Last)[]> PendingRangesAsync(DbConnection connection, DbTransaction? transaction, Guid? importId, CancellationToken cancellationToken)
    {
        await using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = importId is null
            ? "SELECT first_seq, last_seq FROM arena_vote_import_pending ORDER BY first_seq"
            : "SELECT first_seq, last_seq FROM arena_vote_import_pending WHERE import_id = @import_id ORDER BY first_seq";
        if (importId is { } id)
        {
            Parameter(select, "@import_id", id.ToString("D"));
        }

        var ranges = new List<(long, long)>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ranges.Add((reader.GetInt64(0), reader.GetInt64(1)));
        }

        return [.. ranges];
    }
}
