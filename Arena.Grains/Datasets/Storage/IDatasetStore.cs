namespace Arena.Datasets.Storage;

/// <summary>Where uploaded CSV files are kept, durably, each under its dataset id and owning session.</summary>
public interface IDatasetStore
{
    /// <summary>Stores a dataset's file.</summary>
    Task SaveAsync(StoredDataset dataset, byte[] content, CancellationToken cancellationToken = default);

    /// <summary>The file of a dataset the session owns, or null when there is none.</summary>
    Task<byte[]?> LoadAsync(string sessionId, Guid datasetId, CancellationToken cancellationToken = default);

    /// <summary>Deletes a dataset the session owns; false when there was none.</summary>
    Task<bool> DeleteAsync(string sessionId, Guid datasetId, CancellationToken cancellationToken = default);
}

/// <summary>What the store keeps beside a dataset's file.</summary>
public sealed record StoredDataset(Guid Id, string SessionId, string Name, DateTimeOffset UploadedAt);
