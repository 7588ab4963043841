using Arena.Grains.Tests.Storage;
using Arena.Models.Cache;
using Arena.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Arena.Grains.Tests.Models.Cache;

/// <summary>The answer cache's table in both databases: round trip, age, the entry bound, the model check.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AnswerCacheStoreTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Store_PostgreSql_KeepsFindsAgesOutAndTrimsToTheBound()
    {
        var connectionString = await postgres.CreateDatabaseAsync("answer_cache");
        await ArenaSchema.ApplyAsync(DatabaseKind.PostgreSql, connectionString);
        await AssertStoreBehavesAsync(Store(DatabaseKind.PostgreSql, connectionString));
    }

    [Fact]
    public async Task Store_Sqlite_KeepsFindsAgesOutAndTrimsToTheBound()
    {
        var path = Path.Combine(Path.GetTempPath(), "arena-cache-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            await ArenaSchema.ApplyAsync(DatabaseKind.Sqlite, $"Data Source={path}");
            await AssertStoreBehavesAsync(Store(DatabaseKind.Sqlite, $"Data Source={path}"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    private static async Task AssertStoreBehavesAsync(IAnswerCacheStore store)
    {
        var first = Answer("k1", Now.AddMinutes(-30));
        await store.AddAsync(first, Now.AddHours(-1), maxEntries: 2);

        var found = await store.FindAsync("k1", "m", Now.AddHours(-1));
        Assert.NotNull(found);
        Assert.Equal(first.Updates, found.Updates);
        Assert.Equal(first.EndMs, found.EndMs);
        Assert.Equal(first.CreatedAt, found.CreatedAt);
        Assert.Equal((first.FinishReason, first.InputTokens, first.OutputTokens), (found.FinishReason, found.InputTokens, found.OutputTokens));
        Assert.Null(await store.FindAsync("k1", "other-model", Now.AddHours(-1)));
        Assert.Null(await store.FindAsync("k1", "m", Now.AddMinutes(-10)));

        // The first recording of a key wins.
        await store.AddAsync(first with { FinishReason = "length" }, Now.AddHours(-1), maxEntries: 2);
        Assert.Equal("stop", (await store.FindAsync("k1", "m", Now.AddHours(-1)))!.FinishReason);

        // Past the bound the oldest goes; past the age everything older goes.
        await store.AddAsync(Answer("k2", Now.AddMinutes(-20)), Now.AddHours(-1), maxEntries: 2);
        await store.AddAsync(Answer("k3", Now.AddMinutes(-10)), Now.AddHours(-1), maxEntries: 2);
        Assert.Equal(2, await store.CountAsync());
        Assert.Null(await store.FindAsync("k1", "m", DateTimeOffset.MinValue));
        Assert.NotNull(await store.FindAsync("k2", "m", DateTimeOffset.MinValue));

        await store.AddAsync(Answer("k4", Now), Now.AddMinutes(-15), maxEntries: 100);
        Assert.Equal(2, await store.CountAsync());
        Assert.Null(await store.FindAsync("k2", "m", DateTimeOffset.MinValue));
    }

    private static CachedAnswer Answer(string key, DateTimeOffset at) =>
        new(key, "m", at, [new RecordedUpdate(120.25, "Hello"), new RecordedUpdate(151.5, " world"), new RecordedUpdate(180, "!")], 185.75, "stop", 12, 3);

    private static AdoNetAnswerCacheStore Store(DatabaseKind kind, string connectionString) =>
        new(Options.Create(new AnswerCacheStoreOptions { Kind = kind, ConnectionString = connectionString }));
}
