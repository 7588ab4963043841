using Arena.Datasets;
using Arena.Datasets.Storage;
using Arena.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Arena.Grains.Tests.Datasets;

/// <summary>A real dataset store on a temp SQLite file with Arena's schema, and a table cache over it.</summary>
public sealed class SqliteDatasetStore : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "arena-datasets-" + Guid.NewGuid().ToString("N"));

    public string ConnectionString => $"Data Source={Path.Combine(_directory, "arena.db")}";

    public AdoNetDatasetStore Store { get; private set; } = null!;

    public DatasetTables NewTables(long cacheCells = 10_000_000) =>
        new(Store, Options.Create(new DatasetOptions { CacheCells = cacheCells }));

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        await ArenaSchema.ApplyAsync(DatabaseKind.Sqlite, ConnectionString);
        Store = new AdoNetDatasetStore(Options.Create(new DatasetStoreOptions { Kind = DatabaseKind.Sqlite, ConnectionString = ConnectionString }));
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}
