using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Arena.Battles;
using Arena.Storage;
using Arena.Storage.GroupCommit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Arena.Ratings.Ledger;

/// <summary>The vote ledger in SQLite or PostgreSQL (table <c>arena_vote_ledger</c>, created with the schema).</summary>
public sealed partial class AdoNetVoteLedger(IOptions<VoteLedgerOptions> options, DatabaseWriters writers) : IVoteLedger
{
    private const string Columns =
        "seq, battle_id, voted_at, model_a, model_b, outcome, category, mode, session_hash, counted, excluded_reason, rating_a, rating_b, delta_a, delta_b, source, client_hash, prompt_hash";

    private static readonly string[] InsertParameters =
        ["@battle_id", "@voted_at", "@model_a", "@model_b", "@outcome", "@category", "@mode", "@session_hash", "@counted", "@excluded_reason", "@rating_a", "@rating_b", "@delta_a", "@delta_b", "@source", "@client_hash", "@prompt_hash", "@writer_epoch"];

    private readonly VoteLedgerOptions _options = options.Value;

    public async Task<IReadOnlyDictionary<Guid, LedgerEntry>> FindAsync(IReadOnlyCollection<Guid> battleIds, CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<Guid, LedgerEntry>();
        if (battleIds.Count == 0)
        {
            return found;
        }

        await using var connection = await OpenAsync(cancellationToken);
        foreach (var chunk in battleIds.Chunk(500))
        {
            await using var command = connection.CreateCommand();
            var names = chunk.Select((id, i) => Parameter(command, $"@id{i.ToString(CultureInfo.InvariantCulture)}", id.ToString("D"))).ToArray();
            command.CommandText = $"SELECT {Columns} FROM arena_vote_ledger l WHERE battle_id IN ({string.Join(", ", names)}) AND {NotPending}";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var entry = Read(reader);
                found[entry.Vote.BattleId] = entry;
            }
        }

        return found;
    }

    public async Task<long> AppendAsync(long epoch, IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken = default)
    {
        if (entries.Count == 0)
        {
            return 0;
        }

        cancellationToken.ThrowIfCancellationRequested();
        // Through the database's one writer, in a transaction with the outbox votes and grain states of the moment:
        // on SQLite a second writer would only wait for the lock, in sleeps of growing length.
        return await writers.For(_options.Kind, _options.ConnectionString).WriteAsync(new LedgerAppendWrite(this, epoch, entries));
    }

    /// <summary>
    /// Appends the entries in the caller's transaction, behind the writer fence (which fails the whole group transaction
    /// when <paramref name="epoch"/> is stale; the group writer then retries each write alone), and takes their votes out
    /// of the outbox; the last seq.
    /// </summary>
    internal async Task<long> AppendAsync(GroupTransaction transaction, long epoch, IReadOnlyList<LedgerEntry> entries)
    {
        await FenceAsync(transaction.Kind, transaction.Connection, transaction.Transaction, epoch, CancellationToken.None);
        var command = transaction.Command(InsertText, AddInsertParameters);
        long last = 0;
        foreach (var entry in entries)
        {
            SetInsertValues(command, entry, epoch);
            last = Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }

        // Counted now, so no longer waiting: in the same transaction, so a vote is in exactly one of the two.
        await AdoNetVoteOutbox.DeleteAsync(transaction.Connection, transaction.Transaction, entries.Select(e => e.Vote.BattleId), CancellationToken.None);
        return last;
    }

    public async IAsyncEnumerable<LedgerEntry> ReadAsync(long afterSeq = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM arena_vote_ledger l WHERE seq > @after AND {NotPending} ORDER BY seq";
        Parameter(command, "@after", afterSeq);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return Read(reader);
        }
    }

    // A vote is acknowledged only once it is on disk.
    private Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        ArenaDatabase.OpenAsync(_options.Kind, _options.ConnectionString, "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000;", cancellationToken);

    private static string Parameter(DbCommand command, string name, object value) => ArenaDatabase.Parameter(command, name, value);

    private const string InsertText = """
        INSERT INTO arena_vote_ledger (battle_id, voted_at, model_a, model_b, outcome, category, mode, session_hash, counted, excluded_reason, rating_a, rating_b, delta_a, delta_b, source, client_hash, prompt_hash, writer_epoch)
        VALUES (@battle_id, @voted_at, @model_a, @model_b, @outcome, @category, @mode, @session_hash, @counted, @excluded_reason, @rating_a, @rating_b, @delta_a, @delta_b, @source, @client_hash, @prompt_hash, @writer_epoch)
        RETURNING seq
        """;

    private static void AddInsertParameters(DbCommand command)
    {
        foreach (var name in InsertParameters)
        {
            Parameter(command, name, DBNull.Value);
        }
    }

    private void SetInsertValues(DbCommand command, LedgerEntry entry, long epoch)
    {
        var vote = entry.Vote;
        object?[] values =
        [
            vote.BattleId.ToString("D"),
            ArenaDatabase.TimeValue(_options.Kind, vote.VotedAt),
            vote.ModelA, vote.ModelB, LedgerEntry.OutcomeName(vote.Outcome), vote.Category, LedgerEntry.ModeName(vote.Mode), vote.SessionHash,
            vote.Counts, vote.Counts ? null : vote.ExcludedReason ?? "named battle",
            entry.RatingA, entry.RatingB, entry.DeltaA, entry.DeltaB, entry.Source, vote.ClientHash, vote.PromptHash, epoch,
        ];
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    private static LedgerEntry Read(DbDataReader reader)
    {
        var votedAt = ArenaDatabase.ReadTime(reader.GetValue(2));
        var counted = Convert.ToBoolean(reader.GetValue(9), CultureInfo.InvariantCulture);
        var mode = reader.GetString(7) == "named" ? BattleMode.Named : BattleMode.Anonymous;
        var reason = reader.IsDBNull(10) ? null : reader.GetString(10);
        var vote = new VoteRecord(
            Guid.Parse(reader.GetString(1)),
            reader.GetString(3),
            reader.GetString(4),
            LedgerEntry.ParseOutcome(reader.GetString(5)) ?? throw new InvalidDataException($"Unknown outcome {reader.GetString(5)}."),
            reader.GetString(6),
            votedAt,
            mode,
            reader.GetString(8),
            counted || mode == BattleMode.Named ? null : reason,
            reader.GetString(16),
            reader.GetString(17));
        return new LedgerEntry(reader.GetInt64(0), vote, reader.GetDouble(11), reader.GetDouble(12), reader.GetDouble(13), reader.GetDouble(14), reader.GetString(15));
    }
}
