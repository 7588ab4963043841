using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Arena.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Arena.Datasets.Storage;

/// <summary>Datasets in SQLite or PostgreSQL (table <c>arena_dataset</c>, created with the schema).</summary>
public sealed class AdoNetDatasetStore(IOptions<DatasetStoreOptions> options) : IDatasetStore
{
    private readonly DatasetStoreOptions _options = options.Value;

    public async Task SaveAsync(StoredDataset dataset, byte[] content, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO arena_dataset (id, session_hash, name, uploaded_at, size_bytes, content)
            VALUES (@id, @session_hash, @name, @uploaded_at, @size_bytes, @content)
            """;
        Parameter(command, "@id", IdValue(dataset.Id));
        Parameter(command, "@session_hash", SessionHash(dataset.SessionId));
        Parameter(command, "@name", dataset.Name);
        Parameter(command, "@uploaded_at", ArenaDatabase.TimeValue(_options.Kind, dataset.UploadedAt));
        Parameter(command, "@size_bytes", (long)content.Length);
        Parameter(command, "@content", content);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<byte[]?> LoadAsync(string sessionId, Guid datasetId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT content FROM arena_dataset WHERE id = @id AND session_hash = @session_hash";
        Parameter(command, "@id", IdValue(datasetId));
        Parameter(command, "@session_hash", SessionHash(sessionId));
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    public async Task<bool> DeleteAsync(string sessionId, Guid datasetId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM arena_dataset WHERE id = @id AND session_hash = @session_hash";
        Parameter(command, "@id", IdValue(datasetId));
        Parameter(command, "@session_hash", SessionHash(sessionId));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>A one-way hash of the session id: the table tells owners apart without holding their cookies.</summary>
    private static string SessionHash(string sessionId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sessionId)));

    private object IdValue(Guid id) => _options.Kind == DatabaseKind.Sqlite ? id.ToString("D") : id;

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(_options.ConnectionString))
        {
            throw new InvalidOperationException(
                "The dataset store has no connection string: register the vote ledger (AddArenaVoteLedger) or configure DatasetStoreOptions.");
        }

        return await ArenaDatabase.OpenAsync(_options.Kind, _options.ConnectionString, "PRAGMA busy_timeout = 10000;", cancellationToken);
    }

    private static void Parameter(DbCommand command, string name, object value) => ArenaDatabase.Parameter(command, name, value);
}
