using Arena.Storage;

namespace Arena.Models.Cache;

/// <summary>The database of the answer cache: the grain state's (the vote ledger's) unless set otherwise.</summary>
public sealed class AnswerCacheStoreOptions
{
    public DatabaseKind Kind { get; set; } = DatabaseKind.Sqlite;

    public string ConnectionString { get; set; } = "";
}
