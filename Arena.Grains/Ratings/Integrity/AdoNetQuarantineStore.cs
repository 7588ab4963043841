using System.Data.Common;
using System.Globalization;
using Arena.Ratings.Ledger;
using Arena.Storage;
using Microsoft.Extensions.Options;

namespace Arena.Ratings.Integrity;

/// <summary>The quarantine flags in SQLite or PostgreSQL, in the vote ledger's database.</summary>
public sealed class AdoNetQuarantineStore(IOptions<VoteLedgerOptions> options) : IQuarantineStore
{
    private readonly VoteLedgerOptions _options = options.Value;

    public async Task<IReadOnlyList<QuarantineFlag>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT voter, reason, flagged_at, cleared_at FROM arena_vote_quarantine ORDER BY flagged_at, voter";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var flags = new List<QuarantineFlag>();
        while (await reader.ReadAsync(cancellationToken))
        {
            flags.Add(new QuarantineFlag(
                reader.GetString(0), reader.GetString(1), ArenaDatabase.ReadTime(reader.GetValue(2)), reader.IsDBNull(3) ? null : ArenaDatabase.ReadTime(reader.GetValue(3))));
        }

        return flags;
    }

    public async Task AddAsync(IReadOnlyList<QuarantineFlag> flags, CancellationToken cancellationToken = default)
    {
        if (flags.Count == 0)
        {
            return;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO arena_vote_quarantine (voter, reason, flagged_at) VALUES (@voter, @reason, @flagged_at)
            ON CONFLICT (voter) DO NOTHING
            """;
        var voter = Parameter(command, "@voter", "");
        var reason = Parameter(command, "@reason", "");
        var at = Parameter(command, "@flagged_at", DBNull.Value);
        foreach (var flag in flags)
        {
            command.Parameters[voter].Value = flag.Voter;
            command.Parameters[reason].Value = flag.Reason;
            command.Parameters[at].Value = ArenaDatabase.TimeValue(_options.Kind, flag.FlaggedAt);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<bool> ClearAsync(string voter, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE arena_vote_quarantine SET cleared_at = @at WHERE voter = @voter AND cleared_at IS NULL";
        Parameter(command, "@at", ArenaDatabase.TimeValue(_options.Kind, at));
        Parameter(command, "@voter", voter);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<IReadOnlyList<Guid>> BattlesOfAsync(string voter, int limit, CancellationToken cancellationToken = default)
    {
        var column = voter.StartsWith(QuarantineFlag.SessionPrefix, StringComparison.Ordinal) ? "session_hash"
            : voter.StartsWith(QuarantineFlag.ClientPrefix, StringComparison.Ordinal) ? "client_hash"
            : throw new ArgumentException($"Voter '{voter}' is neither {QuarantineFlag.SessionPrefix}… nor {QuarantineFlag.ClientPrefix}….", nameof(voter));
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT battle_id FROM arena_vote_ledger WHERE {column} = @hash AND source = 'vote' ORDER BY seq LIMIT {limit.ToString(CultureInfo.InvariantCulture)}";
        Parameter(command, "@hash", voter[(voter.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var battles = new List<Guid>();
        while (await reader.ReadAsync(cancellationToken))
        {
            battles.Add(Guid.Parse(reader.GetString(0)));
        }

        return battles;
    }

    private Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        ArenaDatabase.OpenAsync(_options.Kind, _options.ConnectionString, "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000;", cancellationToken);

    private static string Parameter(DbCommand command, string name, object value) => ArenaDatabase.Parameter(command, name, value);

}
