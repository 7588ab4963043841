using Arena.Battles;
using Arena.Grains.Tests.Storage;
using Arena.Ratings;
using Arena.Ratings.Ledger;
using Arena.Storage;
using Arena.Storage.GroupCommit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Arena.Grains.Tests.Ratings.Ledger;

/// <summary>Import chunks in the ledger (bulk INSERT on SQLite, binary COPY on PostgreSQL): pending, completed, discarded.</summary>
[Collection(PostgresCollection.Name)]
public sealed class LedgerImportTests(PostgresFixture postgres) : IAsyncLifetime
{
    private readonly DatabaseWriters _writers = new(NullLogger<DatabaseWriters>.Instance);

    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.PostgreSql)]
    public async Task AppendImport_Chunks_InvisibleUntilCompletedThenInLedgerOrderWithTheVotesBetween(DatabaseKind kind)
    {
        var ledger = await CreateLedgerAsync(kind, "import_order");
        var before = Entry(Vote(0, "m0", "m1"), LedgerEntry.FromVote);
        await ledger.AppendAsync(TestLedgers.Epoch, [before]);
        var importId = Guid.NewGuid();
        var first = Enumerable.Range(1, 1_000).Select(i => Entry(Vote(i, $"m{i % 7}", $"x{i % 5}"), LedgerEntry.FromImport)).ToList();
        var second = Enumerable.Range(1_001, 300).Select(i => Entry(Vote(i, $"m{i % 7}", $"x{i % 5}"), LedgerEntry.FromImport)).ToList();

        var firstLast = await ledger.AppendImportAsync(TestLedgers.Epoch, importId, first);
        var during = Entry(Vote(5_000, "v0", "v1"), LedgerEntry.FromVote);
        var duringSeq = await ledger.AppendAsync(TestLedgers.Epoch, [during]);
        var secondLast = await ledger.AppendImportAsync(TestLedgers.Epoch, importId, second);

        Assert.Equal(1_001, firstLast);
        Assert.Equal(1_002, duringSeq);
        Assert.Equal(1_302, secondLast);
        Assert.Equal([before.Vote.BattleId, during.Vote.BattleId], (await ledger.ReadAsync().ToListAsync()).Select(e => e.Vote.BattleId));
        Assert.Empty(await ledger.FindAsync([first[0].Vote.BattleId, second[^1].Vote.BattleId]));

        await ledger.CompleteImportAsync(TestLedgers.Epoch, importId);

        var read = await ledger.ReadAsync().ToListAsync();
        var expected = new[] { before }.Concat(first).Append(during).Concat(second).ToList();
        Assert.Equal(expected.Select(e => e.Vote.BattleId), read.Select(e => e.Vote.BattleId));
        Assert.Equal(Enumerable.Range(1, expected.Count).Select(i => (long)i), read.Select(e => e.Seq));
        // Every column round-trips through the bulk path: the vote, its rating fields and where it came from.
        Assert.Equal(expected.Select(e => e with { Seq = 0 }), read.Select(e => e with { Seq = 0 }));
        Assert.Equal(2, (await ledger.FindAsync([first[0].Vote.BattleId, second[^1].Vote.BattleId])).Count);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.PostgreSql)]
    public async Task AppendImport_BattleAlreadyInLedger_ReturnsNullAndWritesNothing(DatabaseKind kind)
    {
        var ledger = await CreateLedgerAsync(kind, "import_duplicate");
        var existing = Entry(Vote(0, "m0", "m1"), LedgerEntry.FromVote);
        await ledger.AppendAsync(TestLedgers.Epoch, [existing]);
        var importId = Guid.NewGuid();
        var chunk = Enumerable.Range(1, 200).Select(i => Entry(Vote(i, "a", "b"), LedgerEntry.FromImport)).ToList();
        chunk.Insert(150, existing with { Source = LedgerEntry.FromImport });

        Assert.Null(await ledger.AppendImportAsync(TestLedgers.Epoch, importId, chunk));

        await ledger.CompleteImportAsync(TestLedgers.Epoch, importId);
        Assert.Equal([existing.Vote.BattleId], (await ledger.ReadAsync().ToListAsync()).Select(e => e.Vote.BattleId));
        Assert.Equal(0, await ledger.DiscardImportAsync(TestLedgers.Epoch, null));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.PostgreSql)]
    public async Task DiscardImport_NeverCompleted_DeletesOnlyItsRowsAndTheyCanBeImportedAgain(DatabaseKind kind)
    {
        var ledger = await CreateLedgerAsync(kind, "import_discard");
        var (failed, other) = (Guid.NewGuid(), Guid.NewGuid());
        var rows = Enumerable.Range(1, 100).Select(i => Entry(Vote(i, "a", "b"), LedgerEntry.FromImport)).ToList();
        await ledger.AppendImportAsync(TestLedgers.Epoch, failed, rows[..40]);
        var vote = Entry(Vote(1_000, "v0", "v1"), LedgerEntry.FromVote);
        await ledger.AppendAsync(TestLedgers.Epoch, [vote]);
        await ledger.AppendImportAsync(TestLedgers.Epoch, failed, rows[40..70]);
        await ledger.AppendImportAsync(TestLedgers.Epoch, other, rows[70..]);

        Assert.Equal(70, await ledger.DiscardImportAsync(TestLedgers.Epoch, failed));
        await ledger.CompleteImportAsync(TestLedgers.Epoch, other);
        Assert.Equal(new[] { vote }.Concat(rows[70..]).Select(e => e.Vote.BattleId), (await ledger.ReadAsync().ToListAsync()).Select(e => e.Vote.BattleId));

        // A crashed import (never completed, never discarded) is removed by a discard of every pending import.
        var crashed = Guid.NewGuid();
        await ledger.AppendImportAsync(TestLedgers.Epoch, crashed, rows[..70]);
        Assert.Equal(70, await ledger.DiscardImportAsync(TestLedgers.Epoch, null));

        // Its battles were never in the ledger: a retry imports them, once.
        var retry = Guid.NewGuid();
        Assert.NotNull(await ledger.AppendImportAsync(TestLedgers.Epoch, retry, rows[..70]));
        await ledger.CompleteImportAsync(TestLedgers.Epoch, retry);
        Assert.Equal(101, (await ledger.ReadAsync().ToListAsync()).Select(e => e.Vote.BattleId).Distinct().Count());
    }

    private static LedgerEntry Entry(VoteRecord vote, string source) =>
        new(0, vote with { SessionHash = source }, 1500.25 + vote.VotedAt.Second, 1499.75, 0.125, -0.125, source);

    private static VoteRecord Vote(int i, string a, string b) =>
        new(Guid.NewGuid(), a, b, (BattleOutcome)(i % 4), i % 5 == 0 ? "coding" : "general", Start.AddSeconds(i).AddTicks(i * 10),
            i % 3 == 0 ? BattleMode.Named : BattleMode.Anonymous, LedgerEntry.FromImport, i % 7 == 0 && i % 3 != 0 ? "an answer names its model" : null,
            i % 2 == 0 ? "client-" + i : "", i % 2 == 0 ? "prompt-" + i : "");

    private Task<AdoNetVoteLedger> CreateLedgerAsync(DatabaseKind kind, string name) => TestLedgers.CreateAsync(kind, name, postgres, _writers);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _writers.DisposeAsync().AsTask();
}
