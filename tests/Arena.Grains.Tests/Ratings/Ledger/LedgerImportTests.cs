using Arena.Battles;
using Arena.Grains.Tests.Storage;
using Arena.Ratings;
using Arena.Ratings.Ledger;
using Arena.Storage;
using Microsoft.Extensions.Options;

namespace Arena.Grains.Tests.Ratings.Ledger;

/// <summary>Staging and committing imports in the ledger, in both dialects.</summary>
[Collection(PostgresCollection.Name)]
public sealed class LedgerImportTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.PostgreSql)]
    public async Task CommitImport_StagedRows_AppendsInLineOrderSkippingDuplicates(DatabaseKind kind)
    {
        var ledger = await CreateLedgerAsync(kind, "import_order");
        var existing = Vote(0, "m0", "m1");
        await ledger.AppendAsync([new LedgerEntry(0, existing, 1, 1, 0, 0)]);
        var importId = Guid.NewGuid();
        var rows = Enumerable.Range(1, 25_000).Select(i => new StagedBattle(i * 2, Vote(i, $"m{i % 7}", $"x{i % 5}"))).ToList();
        rows.Insert(10, new StagedBattle(3, existing)); // already in the ledger
        rows.Add(new StagedBattle(60_001, rows[0].Vote)); // twice in the file
        await ledger.StageAsync(importId, rows.Take(20_000).ToList());
        await ledger.StageAsync(importId, rows.Skip(20_000).ToList());

        var applied = new List<Guid>();
        var result = await ledger.CommitImportAsync(importId, vote =>
        {
            applied.Add(vote.BattleId);
            return new LedgerEntry(0, vote, applied.Count, -applied.Count, 0, 0, LedgerEntry.FromImport);
        });

        Assert.Equal(new ImportResult(25_000, 2, 25_001), result);
        var expected = rows.OrderBy(r => r.Line).Select(r => r.Vote.BattleId).Where(id => id != existing.BattleId).Distinct().ToList();
        Assert.Equal(expected, applied);
        var read = await ledger.ReadAsync(1).ToListAsync();
        Assert.Equal(expected, read.Select(e => e.Vote.BattleId));
        Assert.All(read, e => Assert.Equal((LedgerEntry.FromImport, LedgerEntry.FromImport), (e.Source, e.Vote.SessionHash)));
        Assert.Equal(rows[0].Vote.VotedAt, read[0].Vote.VotedAt);

        // The staged rows are gone: committing the same import again finds nothing.
        Assert.Equal(new ImportResult(0, 0, 25_001), await ledger.CommitImportAsync(importId, _ => throw new InvalidOperationException("nothing is staged")));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.PostgreSql)]
    public async Task CommitImport_ApplyFailsMidway_AppendsNothing(DatabaseKind kind)
    {
        var ledger = await CreateLedgerAsync(kind, "import_fails");
        var importId = Guid.NewGuid();
        await ledger.StageAsync(importId, Enumerable.Range(1, 100).Select(i => new StagedBattle(i, Vote(i, "a", "b"))).ToList());
        var calls = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(() => ledger.CommitImportAsync(importId, vote =>
            ++calls < 50 ? new LedgerEntry(0, vote, 1, 1, 0, 0, LedgerEntry.FromImport) : throw new InvalidOperationException("boom")));
        await ledger.DiscardImportAsync(importId);

        Assert.Empty(await ledger.ReadAsync().ToListAsync());
        Assert.Equal(new ImportResult(0, 0, 0), await ledger.CommitImportAsync(importId, _ => throw new InvalidOperationException("discarded")));
    }

    private static VoteRecord Vote(int i, string a, string b) =>
        new(Guid.NewGuid(), a, b, (BattleOutcome)(i % 4), "general", Start.AddSeconds(i), i % 3 == 0 ? BattleMode.Named : BattleMode.Anonymous, LedgerEntry.FromImport);

    private async Task<AdoNetVoteLedger> CreateLedgerAsync(DatabaseKind kind, string name)
    {
        var connectionString = kind == DatabaseKind.PostgreSql
            ? await postgres.CreateDatabaseAsync(name + "_" + Guid.NewGuid().ToString("N")[..8])
            : $"Data Source={Path.Combine(Directory.CreateTempSubdirectory("arena-ledger-").FullName, "arena.db")}";
        await ArenaSchema.ApplyAsync(kind, connectionString);
        return new AdoNetVoteLedger(Options.Create(new VoteLedgerOptions { Kind = kind, ConnectionString = connectionString }));
    }
}
