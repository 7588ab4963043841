using System.Buffers;
using Arena.Datasets;
using Arena.Datasets.Storage;
using Arena.Sessions;
using Microsoft.Extensions.Options;

namespace Arena.Web.Datasets;

/// <summary>
/// Uploads, lists, previews and removes a session's datasets. A file is checked and parsed, stored,
/// then added to the session; if the session refuses it, the stored file is deleted again.
/// </summary>
public sealed partial class DatasetService(
    IClusterClient client,
    IDatasetStore store,
    DatasetTables tables,
    IOptions<DatasetOptions> options,
    TimeProvider time,
    ILogger<DatasetService> logger)
{
    /// <summary>Rows in a preview.</summary>
    public const int PreviewRows = 20;

    /// <summary>The largest file accepted, in bytes (<c>Arena:Datasets:MaxBytes</c>).</summary>
    public long MaxBytes => options.Value.MaxBytes;

    /// <summary>
    /// Reads (at most <see cref="MaxBytes"/>; more throws <see cref="DatasetTooLargeException"/>), parses and stores a CSV
    /// file, and adds it to the session under the file's name. Invalid files, a taken name or a full session
    /// throw <see cref="ArenaException"/> and leave nothing behind.
    /// </summary>
    public async Task<DatasetInfo> UploadAsync(string sessionId, string fileName, Stream content, CancellationToken ct)
    {
        var name = DatasetName.FromFileName(fileName);
        var bytes = await ReadLimitedAsync(content, MaxBytes, ct);
        var table = DatasetTable.Parse(bytes, options.Value.MaxColumns);
        var dataset = table.Describe(Guid.NewGuid(), name, bytes.Length, time.GetUtcNow());

        await store.SaveAsync(new StoredDataset(dataset.Id, sessionId, name, dataset.UploadedAt), bytes, ct);
        try
        {
            await Session(sessionId).AddDatasetAsync(dataset);
        }
        catch (Exception refused)
        {
            try
            {
                await store.DeleteAsync(sessionId, dataset.Id, CancellationToken.None);
            }
            catch (Exception cleanup)
            {
                LogCleanupFailed(cleanup, dataset.Id);
                throw new AggregateException(refused, cleanup);
            }

            throw;
        }

        tables.Add(dataset.Id, table);
        return dataset;
    }

    /// <summary>The session's datasets, in upload order.</summary>
    public async Task<IReadOnlyList<DatasetInfo>> ListAsync(string sessionId) =>
        (await Session(sessionId).GetContextAsync()).Datasets;

    /// <summary>A dataset of the session with its first <see cref="PreviewRows"/> rows; NotFound for another session's or an unknown id.</summary>
    public async Task<DatasetPreview> GetAsync(string sessionId, Guid id)
    {
        var dataset = (await ListAsync(sessionId)).FirstOrDefault(d => d.Id == id)
            ?? throw ArenaException.NotFound($"This session has no dataset {id}.");
        var table = await tables.GetAsync(sessionId, dataset);
        return new DatasetPreview(dataset, table.Head(PreviewRows));
    }

    /// <summary>Removes a dataset from the session, then its file from the store.</summary>
    public async Task RemoveAsync(string sessionId, Guid id)
    {
        await Session(sessionId).RemoveDatasetAsync(id);
        tables.Remove(id);
        if (!await store.DeleteAsync(sessionId, id))
        {
            LogFileAlreadyGone(id);
        }
    }

    private ISessionGrain Session(string sessionId) => client.GetGrain<ISessionGrain>(sessionId);

    /// <summary>Reads the whole stream, refusing it as soon as it passes <paramref name="maxBytes"/>.</summary>
    private static async Task<byte[]> ReadLimitedAsync(Stream content, long maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = await content.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw new DatasetTooLargeException(maxBytes);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not delete the stored file of refused dataset {DatasetId}.")]
    private partial void LogCleanupFailed(Exception exception, Guid datasetId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removed dataset {DatasetId} had no stored file.")]
    private partial void LogFileAlreadyGone(Guid datasetId);
}
