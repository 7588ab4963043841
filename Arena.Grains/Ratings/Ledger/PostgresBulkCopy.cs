using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace Arena.Ratings.Ledger;

/// <summary>Appends ledger rows on PostgreSQL with one binary COPY per chunk.</summary>
internal static class PostgresBulkCopy
{
    private const string Copy = """
        COPY arena_vote_ledger (battle_id, voted_at, model_a, model_b, outcome, category, mode, session_hash, counted, excluded_reason, rating_a, rating_b, delta_a, delta_b, source, client_hash, prompt_hash, writer_epoch)
        FROM STDIN (FORMAT BINARY)
        """;

    /// <summary>
    /// Copies the entries in list order inside <paramref name="transaction"/>. Returns their seq range, or null when
    /// a battle is already in the ledger (the caller rolls back). The rows carry the writer's <paramref name="epoch"/>.
    /// </summary>
    public static async Task<(long First, long Last)?> AppendAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<LedgerEntry> entries, long epoch, CancellationToken cancellationToken)
    {
        await using (var relaxed = new NpgsqlCommand("SET LOCAL synchronous_commit = off", connection, transaction))
        {
            await relaxed.ExecuteNonQueryAsync(cancellationToken);
        }

        var before = await ScalarAsync(connection, transaction, "SELECT COALESCE(MAX(seq), 0) FROM arena_vote_ledger", cancellationToken);
        try
        {
            await using var writer = await connection.BeginBinaryImportAsync(Copy, cancellationToken);
            foreach (var entry in entries)
            {
                var vote = entry.Vote;
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(vote.BattleId.ToString("D"), NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(vote.VotedAt.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
                await writer.WriteAsync(vote.ModelA, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(vote.ModelB, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(LedgerEntry.OutcomeName(vote.Outcome), NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(vote.Category, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(LedgerEntry.ModeName(vote.Mode), NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(vote.SessionHash, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(vote.Counts, NpgsqlDbType.Boolean, cancellationToken);
                if (vote.Counts)
                {
                    await writer.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await writer.WriteAsync(vote.ExcludedReason ?? "named battle", NpgsqlDbType.Text, cancellationToken);
                }

                await writer.WriteAsync(entry.RatingA, NpgsqlDbType.Double, cancellationToken);
                await writer.WriteAsync(entry.RatingB, NpgsqlDbType.Double, cancellationToken);
                await writer.WriteAsync(entry.DeltaA, NpgsqlDbType.Double, cancellationToken);
                await writer.WriteAsync(entry.DeltaB, NpgsqlDbType.Double, cancellationToken);
                await writer.WriteAsync(entry.Source, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(vote.ClientHash, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(vote.PromptHash, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(epoch, NpgsqlDbType.Bigint, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return null;
        }

        // The transaction holds the writer fence (the ledger's one writer), so the copied rows are the ones after `before`; checked.
        await using var range = new NpgsqlCommand("SELECT MIN(seq), MAX(seq), COUNT(*) FROM arena_vote_ledger WHERE seq > @before", connection, transaction);
        range.Parameters.AddWithValue("before", before);
        await using var reader = await range.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (first, last, count) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        if (count != entries.Count || last - first + 1 != count)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"The ledger gained {count} rows (seq {first} to {last}) while importing {entries.Count}: another process writes it. Nothing was imported."));
        }

        return (first, last);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }
}
