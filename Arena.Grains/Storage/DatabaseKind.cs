namespace Arena.Storage;

/// <summary>The relational databases Arena keeps Orleans state in.</summary>
public enum DatabaseKind
{
    /// <summary>A local SQLite file: grain persistence only (embedded profile).</summary>
    Sqlite,

    /// <summary>PostgreSQL: grain persistence, clustering and reminders (cluster profile).</summary>
    PostgreSql,
}
