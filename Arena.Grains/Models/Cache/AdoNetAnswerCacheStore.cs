using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Arena.Storage;
using Microsoft.Extensions.Options;

namespace Arena.Models.Cache;

/// <summary>The answer cache in SQLite or PostgreSQL (table <c>arena_answer_cache</c>, created with the schema).</summary>
public sealed class AdoNetAnswerCacheStore(IOptions<AnswerCacheStoreOptions> options) : IAnswerCacheStore
{
    /// <summary>A cache read or write that takes longer gives up; the answer is then asked of the model (or not kept).</summary>
    private const int CommandTimeoutSeconds = 5;

    private readonly AnswerCacheStoreOptions _options = options.Value;

    public async Task<CachedAnswer?> FindAsync(string key, string modelId, DateTimeOffset notBefore, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandTimeout = CommandTimeoutSeconds;
        command.CommandText = """
            SELECT created_at, updates, end_ms, finish_reason, input_tokens, output_tokens
            FROM arena_answer_cache
            WHERE cache_key = @key AND model_id = @model AND created_at >= @not_before
            """;
        Parameter(command, "@key", key);
        Parameter(command, "@model", modelId);
        Parameter(command, "@not_before", ArenaDatabase.TimeValue(_options.Kind, notBefore));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var updates = JsonSerializer.Deserialize<RecordedUpdate[]>(reader.GetString(1))
            ?? throw new InvalidDataException($"The answer cache holds an empty recording under {key}.");
        return new CachedAnswer(
            key,
            modelId,
            ArenaDatabase.ReadTime(reader.GetValue(0)),
            updates,
            reader.GetDouble(2),
            reader.GetString(3),
            reader.GetInt32(4),
            reader.GetInt32(5));
    }

    public async Task AddAsync(CachedAnswer answer, DateTimeOffset notBefore, int maxEntries, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandTimeout = CommandTimeoutSeconds;
            insert.CommandText = """
                INSERT INTO arena_answer_cache (cache_key, model_id, created_at, updates, end_ms, finish_reason, input_tokens, output_tokens)
                VALUES (@key, @model, @created_at, @updates, @end_ms, @finish_reason, @input_tokens, @output_tokens)
                ON CONFLICT (cache_key) DO NOTHING
                """;
            Parameter(insert, "@key", answer.Key);
            Parameter(insert, "@model", answer.ModelId);
            Parameter(insert, "@created_at", ArenaDatabase.TimeValue(_options.Kind, answer.CreatedAt));
            Parameter(insert, "@updates", JsonSerializer.Serialize(answer.Updates));
            Parameter(insert, "@end_ms", answer.EndMs);
            Parameter(insert, "@finish_reason", answer.FinishReason);
            Parameter(insert, "@input_tokens", answer.InputTokens);
            Parameter(insert, "@output_tokens", answer.OutputTokens);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var trim = connection.CreateCommand())
        {
            trim.Transaction = transaction;
            trim.CommandTimeout = CommandTimeoutSeconds;
            // SQLite writes "no limit" as LIMIT -1, PostgreSQL as LIMIT ALL.
            var noLimit = _options.Kind == DatabaseKind.Sqlite ? "-1" : "ALL";
            trim.CommandText = $"""
                DELETE FROM arena_answer_cache WHERE created_at < @not_before;
                DELETE FROM arena_answer_cache WHERE cache_key IN
                    (SELECT cache_key FROM arena_answer_cache ORDER BY created_at DESC, cache_key LIMIT {noLimit} OFFSET {maxEntries.ToString(CultureInfo.InvariantCulture)});
                """;
            Parameter(trim, "@not_before", ArenaDatabase.TimeValue(_options.Kind, notBefore));
            await trim.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM arena_answer_cache";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(_options.ConnectionString))
        {
            throw new InvalidOperationException(
                "The answer cache has no database: register the vote ledger (AddArenaVoteLedger) or configure AnswerCacheStoreOptions.");
        }

        return await ArenaDatabase.OpenAsync(_options.Kind, _options.ConnectionString, "PRAGMA busy_timeout = 5000;", cancellationToken);
    }

    private static void Parameter(DbCommand command, string name, object value) => ArenaDatabase.Parameter(command, name, value);

}
