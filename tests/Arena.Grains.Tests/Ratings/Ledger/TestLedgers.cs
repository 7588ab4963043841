using Arena.Grains.Tests.Storage;
using Arena.Ratings.Ledger;
using Arena.Storage;
using Arena.Storage.GroupCommit;
using Microsoft.Extensions.Options;

namespace Arena.Grains.Tests.Ratings.Ledger;

/// <summary>
/// A ledger on a fresh database of its own: a temporary SQLite file, or a new database on the fixture's PostgreSQL,
/// claimed once, so its writer is <see cref="Epoch"/>.
/// </summary>
internal static class TestLedgers
{
    /// <summary>The writer epoch of a ledger from <see cref="CreateAsync"/>: the first claim on its database.</summary>
    public const long Epoch = 1;

    public static async Task<AdoNetVoteLedger> CreateAsync(DatabaseKind kind, string name, PostgresFixture postgres, DatabaseWriters writers)
    {
        var ledger = Open(kind, await CreateDatabaseAsync(kind, name, postgres), writers);
        Assert.Equal(Epoch, await ledger.ClaimWriterAsync("test"));
        return ledger;
    }

    /// <summary>A fresh database with the schema applied; its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(DatabaseKind kind, string name, PostgresFixture postgres)
    {
        var connectionString = kind == DatabaseKind.PostgreSql
            ? await postgres.CreateDatabaseAsync(name + "_" + Guid.NewGuid().ToString("N")[..8])
            : $"Data Source={Path.Combine(Directory.CreateTempSubdirectory("arena-ledger-").FullName, "arena.db")}";
        await ArenaSchema.ApplyAsync(kind, connectionString);
        return connectionString;
    }

    /// <summary>A ledger on that database, writing through <paramref name="writers"/> (one silo's), not claimed.</summary>
    public static AdoNetVoteLedger Open(DatabaseKind kind, string connectionString, DatabaseWriters writers) =>
        new(Options.Create(new VoteLedgerOptions { Kind = kind, ConnectionString = connectionString }), writers);
}
