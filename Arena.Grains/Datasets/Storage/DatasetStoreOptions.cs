using Arena.Storage;

namespace Arena.Datasets.Storage;

/// <summary>The database of the dataset store; unless set, the grain state's (the vote ledger's) database.</summary>
public sealed class DatasetStoreOptions
{
    public DatabaseKind Kind { get; set; } = DatabaseKind.Sqlite;

    public string ConnectionString { get; set; } = "";
}
