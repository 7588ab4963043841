using System.Data.Common;
using System.Globalization;
using Arena.Battles;
using Arena.Storage;

namespace Arena.Ratings.Ledger;

/// <summary>Imports: rows staged in <c>arena_vote_import</c>, then moved into the ledger in one transaction.</summary>
public sealed partial class AdoNetVoteLedger
{
    /// <summary>Staged rows read per query while committing: bounds memory whatever the size of the import.</summary>
    private const int CommitChunk = 10_000;

    public async Task StageAsync(Guid importId, IReadOnlyList<StagedBattle> rows, CancellationToken cancellationToken = default)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO arena_vote_import (import_id, line, battle_id, voted_at, model_a, model_b, outcome, category, mode)
            VALUES (@import_id, @line, @battle_id, @voted_at, @model_a, @model_b, @outcome, @category, @mode)
            """;
        string[] names = ["@import_id", "@line", "@battle_id", "@voted_at", "@model_a", "@model_b", "@outcome", "@category", "@mode"];
        foreach (var name in names)
        {
            Parameter(command, name, DBNull.Value);
        }

        var id = importId.ToString("D");
        foreach (var (line, vote) in rows)
        {
            object[] values =
            [
                id, line, vote.BattleId.ToString("D"), ArenaDatabase.TimeValue(_options.Kind, vote.VotedAt), vote.ModelA, vote.ModelB,
                LedgerEntry.OutcomeName(vote.Outcome), vote.Category, LedgerEntry.ModeName(vote.Mode),
            ];
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i];
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task DiscardImportAsync(Guid importId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM arena_vote_import WHERE import_id = @import_id";
        Parameter(command, "@import_id", importId.ToString("D"));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<ImportResult> CommitImportAsync(Guid importId, Func<VoteRecord, LedgerEntry> apply, CancellationToken cancellationToken = default)
    {
        var id = importId.ToString("D");
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var insert = CreateInsert(connection, transaction, returningSeq: false);
        await using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = $"""
            SELECT s.line, s.battle_id, s.voted_at, s.model_a, s.model_b, s.outcome, s.category, s.mode, l.seq
            FROM arena_vote_import s LEFT JOIN arena_vote_ledger l ON l.battle_id = s.battle_id
            WHERE s.import_id = @import_id AND s.line > @after
            ORDER BY s.line
            LIMIT {CommitChunk.ToString(CultureInfo.InvariantCulture)}
            """;
        Parameter(select, "@import_id", id);
        var after = Parameter(select, "@after", 0L);

        // Battles appended by this import: a file may hold the same battle twice.
        var appended = new HashSet<Guid>();
        long skipped = 0;
        var chunk = new List<(VoteRecord Vote, bool InLedger)>(CommitChunk);
        while (true)
        {
            chunk.Clear();
            long lastLine = 0;
            await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    lastLine = reader.GetInt64(0);
                    chunk.Add((ReadStaged(reader), !reader.IsDBNull(8)));
                }
            }

            if (chunk.Count == 0)
            {
                break;
            }

            select.Parameters[after].Value = lastLine;

            // SQLite's "async" calls complete synchronously: yield between chunks so that the caller's other
            // work (the leaderboard's reads, votes joining its queue) is not held up for the whole import.
            await Task.Yield();
            foreach (var (vote, inLedger) in chunk)
            {
                if (inLedger || !appended.Add(vote.BattleId))
                {
                    skipped++;
                    continue;
                }

                SetInsertValues(insert, apply(vote));
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await using (var delete = connection.CreateCommand())
        {
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM arena_vote_import WHERE import_id = @import_id";
            Parameter(delete, "@import_id", id);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        long lastSeq;
        await using (var max = connection.CreateCommand())
        {
            max.Transaction = transaction;
            max.CommandText = "SELECT COALESCE(MAX(seq), 0) FROM arena_vote_ledger";
            lastSeq = Convert.ToInt64(await max.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        await transaction.CommitAsync(cancellationToken);
        return new ImportResult(appended.Count, skipped, lastSeq);
    }

    /// <summary>A staged row as the vote it imports: session hash <c>import</c>; named rows are recorded, not rated.</summary>
    private static VoteRecord ReadStaged(DbDataReader reader) => new(
        Guid.Parse(reader.GetString(1)),
        reader.GetString(3),
        reader.GetString(4),
        LedgerEntry.ParseOutcome(reader.GetString(5)) ?? throw new InvalidDataException($"Unknown outcome {reader.GetString(5)}."),
        reader.GetString(6),
        ArenaDatabase.ReadTime(reader.GetValue(2)),
        reader.GetString(7) == "named" ? BattleMode.Named : BattleMode.Anonymous,
        LedgerEntry.FromImport);
}
