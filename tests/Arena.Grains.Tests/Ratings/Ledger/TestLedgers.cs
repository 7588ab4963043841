using Arena.Grains.Tests.Storage;
using Arena.Ratings.Ledger;
using Arena.Storage;
using Arena.Storage.GroupCommit;
using Microsoft.Extensions.Options;

namespace Arena.Grains.Tests.Ratings.Ledger;

/// <summary>A ledger on a fresh database of its own: a temporary SQLite file, or a new database on the fixture's PostgreSQL.</summary>
internal static class TestLedgers
{
    public static async Task<AdoNetVoteLedger> CreateAsync(DatabaseKind kind, string name, PostgresFixture postgres, DatabaseWriters writers)
    {
        var connectionString = kind == DatabaseKind.PostgreSql
            ? await postgres.CreateDatabaseAsync(name + "_" + Guid.NewGuid().ToString("N")[..8])
            : $"Data Source={Path.Combine(Directory.CreateTempSubdirectory("arena-ledger-").FullName, "arena.db")}";
        await ArenaSchema.ApplyAsync(kind, connectionString);
        return new AdoNetVoteLedger(Options.Create(new VoteLedgerOptions { Kind = kind, ConnectionString = connectionString }), writers);
    }
}
