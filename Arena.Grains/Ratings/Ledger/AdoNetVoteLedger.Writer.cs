using System.Data.Common;
using System.Globalization;
using Arena.Storage;

namespace Arena.Ratings.Ledger;

/// <summary>
/// The writer fence (table <c>arena_ledger_writer</c>): one row holding the epoch of the one activation allowed to
/// write the ledger. A claim takes the next epoch. Every transaction that writes the ledger starts with
/// <see cref="FenceAsync"/>, which locks that row until the transaction ends (<c>FOR UPDATE</c> on PostgreSQL; on
/// SQLite the transaction holds the database's write lock from its start) and goes on only if the epoch is still the
/// writer's own. Hence:
/// <list type="bullet">
/// <item>a claim waits for the ledger write in flight and falls between two of them; after it, every write of an older
/// epoch is refused, so a stale activation can never commit after a newer one claimed;</item>
/// <item>a ledger write allocates its sequence numbers only while it holds the lock and keeps it until it commits, so
/// rows commit in sequence order: whoever has read row n has read every row below n that will ever exist, and a replay
/// mark (the last row applied) is exact. Rows of an import stay hidden until it completes; the leaderboard keeps no
/// mark past them meanwhile.</item>
/// </list>
/// The lock lives only as long as each transaction: a writer whose connection drops loses nothing but that transaction,
/// and no lock outlives a dead process.
/// </summary>
public sealed partial class AdoNetVoteLedger
{
    public async Task<long> ClaimWriterAsync(string claimant, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(claimant);
        await using var connection = await OpenAsync(cancellationToken);
        using var turn = await SqliteWriteGate.EnterAsync(_options.Kind, _options.ConnectionString, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var claim = connection.CreateCommand();
        claim.Transaction = transaction;
        var now = _options.Kind == DatabaseKind.PostgreSql ? "now()" : "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
        claim.CommandText = $"UPDATE arena_ledger_writer SET epoch = epoch + 1, claimed_at = {now}, claimed_by = @claimant WHERE id = 1 RETURNING epoch";
        Parameter(claim, "@claimant", claimant);
        var epoch = await claim.ExecuteScalarAsync(cancellationToken)
            ?? throw new InvalidOperationException("The ledger writer row is missing from arena_ledger_writer: apply the schema.");
        await transaction.CommitAsync(cancellationToken);
        return Convert.ToInt64(epoch, CultureInfo.InvariantCulture);
    }

    public async Task<long> GetWriterEpochAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT epoch FROM arena_ledger_writer WHERE id = 1";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The first statement of every ledger write: locks the writer row for the rest of <paramref name="transaction"/>
    /// and throws <see cref="LedgerFencedException"/> unless <paramref name="epoch"/> still holds the ledger.
    /// </summary>
    internal static async Task FenceAsync(DatabaseKind kind, DbConnection connection, DbTransaction transaction, long epoch, CancellationToken cancellationToken)
    {
        // Epoch 0 is the row as the schema creates it: a writer has to claim before it writes.
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epoch);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = kind == DatabaseKind.PostgreSql
            ? "SELECT epoch FROM arena_ledger_writer WHERE id = 1 FOR UPDATE"
            : "SELECT epoch FROM arena_ledger_writer WHERE id = 1";
        var current = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        if (current != epoch)
        {
            throw new LedgerFencedException(epoch, current);
        }
    }
}
