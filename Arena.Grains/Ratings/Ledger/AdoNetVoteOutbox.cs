using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Arena.Storage;
using Arena.Storage.GroupCommit;
using Microsoft.Extensions.Options;

namespace Arena.Ratings.Ledger;

/// <summary>
/// The vote outbox in SQLite or PostgreSQL, in the ledger's database (created with the ledger's schema). Votes are
/// added through the database's group writer: every vote cast while the last group committed goes in the next
/// transaction, with the grain states written at that moment, and each is answered once it is durable.
/// </summary>
public sealed class AdoNetVoteOutbox(IOptions<VoteLedgerOptions> options, DatabaseWriters writers) : IVoteOutbox
{
    private readonly VoteLedgerOptions _options = options.Value;

    /// <summary>The database's group writer, shared with grain state (tests read its counts).</summary>
    internal GroupCommitter Writer => writers.For(_options.Kind, _options.ConnectionString);

    public async Task AddAsync(VoteRecord vote, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await Writer.WriteAsync(new VoteOutboxWrite(_options.Kind, vote));
    }

    public async Task<VoteRecord?> FindAsync(Guid battleId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT vote FROM arena_vote_outbox WHERE battle_id = @battle_id";
        Parameter(command, "@battle_id", battleId.ToString("D"));
        return await command.ExecuteScalarAsync(cancellationToken) is string json ? Parse(json) : null;
    }

    public async Task<IReadOnlyList<VoteRecord>> ReadAsync(DateTimeOffset votedBefore, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT vote FROM arena_vote_outbox WHERE voted_at <= @before ORDER BY voted_at LIMIT {limit.ToString(CultureInfo.InvariantCulture)}";
        Parameter(command, "@before", ArenaDatabase.TimeValue(_options.Kind, votedBefore));
        var votes = new List<VoteRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            votes.Add(Parse(reader.GetString(0)));
        }

        return votes;
    }

    public async Task DeleteAsync(IReadOnlyCollection<Guid> battleIds, CancellationToken cancellationToken = default)
    {
        if (battleIds.Count == 0)
        {
            return;
        }

        await using var connection = await OpenAsync(cancellationToken);
        using var turn = await SqliteWriteGate.EnterAsync(_options.Kind, _options.ConnectionString, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await DeleteAsync(connection, transaction, battleIds, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Deletes the battles' rows inside the caller's transaction (the ledger append's).</summary>
    internal static async Task DeleteAsync(DbConnection connection, DbTransaction transaction, IEnumerable<Guid> battleIds, CancellationToken cancellationToken)
    {
        foreach (var chunk in battleIds.Chunk(500))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var names = chunk.Select((id, i) => Parameter(command, $"@id{i.ToString(CultureInfo.InvariantCulture)}", id.ToString("D"))).ToArray();
            command.CommandText = $"DELETE FROM arena_vote_outbox WHERE battle_id IN ({string.Join(", ", names)})";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static VoteRecord Parse(string json) =>
        JsonSerializer.Deserialize<VoteRecord>(json) ?? throw new InvalidDataException("An empty vote in the outbox.");

    private Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        ArenaDatabase.OpenAsync(_options.Kind, _options.ConnectionString, "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000;", cancellationToken);

    private static string Parameter(DbCommand command, string name, object value) => ArenaDatabase.Parameter(command, name, value);

}
