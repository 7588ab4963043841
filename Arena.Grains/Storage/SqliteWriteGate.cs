using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Arena.Storage;

/// <summary>
/// One queue per SQLite database file for this process's writers. SQLite has a single write lock and no queue for
/// it: a writer that finds it taken sleeps and polls (<c>busy_timeout</c>), so a bulk writer that takes it again at
/// once (an import's next chunk) can keep the others out for seconds. Writers that enter here take the lock in turn,
/// in arrival order, and find it free when their turn comes: a vote waits behind at most the one transaction ahead
/// of it. Other processes still meet SQLite's own lock. PostgreSQL has row locks and queues of its own, so there the
/// gate lets everyone through.
/// </summary>
public static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>Waits for this writer's turn on the database; dispose the turn once its transaction has ended.</summary>
    public static async ValueTask<Turn> EnterAsync(DatabaseKind kind, string connectionString, CancellationToken cancellationToken = default)
    {
        if (kind != DatabaseKind.Sqlite)
        {
            return default;
        }

        var gate = Gates.GetOrAdd(connectionString, static cs => GateOf(cs));
        await gate.WaitAsync(cancellationToken);
        return new Turn(gate);
    }

    /// <summary>Connection strings that differ only in options share the file's gate.</summary>
    private static SemaphoreSlim GateOf(string connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var file = source.Length == 0 || source.StartsWith(':') || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            ? source
            : Path.GetFullPath(source);
        return Gates.GetOrAdd("file\n" + file, _ => new SemaphoreSlim(1, 1));
    }

    /// <summary>A writer's turn; disposing it lets the next writer in.</summary>
    public readonly struct Turn(SemaphoreSlim? gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }
}
