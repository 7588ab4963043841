using System.Text;
using Arena.Datasets;
using Arena.Datasets.Storage;
using Arena.Storage;
using Arena.Tests.Shared;
using Microsoft.Extensions.Options;

namespace Arena.Grains.Tests.Datasets;

/// <summary>The dataset store on real SQLite, and the parsed-table cache over it.</summary>
public sealed class DatasetStoreTests(SqliteDatasetStore database) : IClassFixture<SqliteDatasetStore>
{
    private const string Owner = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string Other = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    private static readonly byte[] Csv = Encoding.UTF8.GetBytes("a,b\n1,x\n2,y\n3,z\n");

    [Fact]
    public Task Sqlite_SaveLoadDelete_RoundTrips() => RoundTripAsync(database.Store);

    [Fact]
    public async Task Tables_NotCached_AreReadFromTheStoreAndParsed()
    {
        var id = Guid.NewGuid();
        await database.Store.SaveAsync(new StoredDataset(id, Owner, "t", DateTimeOffset.UnixEpoch), Csv);
        var info = DatasetTable.Parse(Csv, 500).Describe(id, "t", Csv.Length, DateTimeOffset.UnixEpoch);

        // A fresh cache, as after a restart.
        var tables = database.NewTables();
        Assert.False(tables.Contains(id));
        var table = await tables.GetAsync(Owner, info);

        Assert.Equal((3, "z"), (table.RowCount, table.Columns[1].Text(2)));
        Assert.True(tables.Contains(id));
        Assert.Same(table, await tables.GetAsync(Owner, info));
        await Assert.ThrowsAsync<ArenaException>(() => database.NewTables().GetAsync(Other, info));
    }

    [Fact]
    public void Tables_OverCapacity_EvictLeastRecentlyUsed()
    {
        var tables = database.NewTables(cacheCells: 16); // each table is 3 rows × 2 columns = 6 cells
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid();
        tables.Add(a, DatasetTable.Parse(Csv, 500));
        tables.Add(b, DatasetTable.Parse(Csv, 500));
        tables.Add(c, DatasetTable.Parse(Csv, 500));

        Assert.Equal((false, true, true, 12L), (tables.Contains(a), tables.Contains(b), tables.Contains(c), tables.Cells));

        tables.Remove(b);
        Assert.Equal((false, 6L), (tables.Contains(b), tables.Cells));
    }

    [Fact]
    public async Task Postgres_SaveLoadDelete_RoundTrips()
    {
        await using var server = await PostgresServer.StartAsync();
        var connectionString = await server.CreateDatabaseAsync("arena_datasets");
        await ArenaSchema.ApplyAsync(DatabaseKind.PostgreSql, connectionString);
        await ArenaSchema.ApplyAsync(DatabaseKind.PostgreSql, connectionString); // idempotent

        await RoundTripAsync(new AdoNetDatasetStore(Options.Create(new DatasetStoreOptions { Kind = DatabaseKind.PostgreSql, ConnectionString = connectionString })));
    }

    private static async Task RoundTripAsync(IDatasetStore store)
    {
        var id = Guid.NewGuid();
        var content = Encoding.UTF8.GetBytes("name,note\n\"Smith, Ann\",héllo\n");
        await store.SaveAsync(new StoredDataset(id, Owner, "people", DateTimeOffset.UnixEpoch), content);

        Assert.Equal(content, await store.LoadAsync(Owner, id));
        Assert.Null(await store.LoadAsync(Other, id));
        Assert.Null(await store.LoadAsync(Owner, Guid.NewGuid()));
        Assert.False(await store.DeleteAsync(Other, id));
        Assert.True(await store.DeleteAsync(Owner, id));
        Assert.Null(await store.LoadAsync(Owner, id));
        Assert.False(await store.DeleteAsync(Owner, id));
    }
}
