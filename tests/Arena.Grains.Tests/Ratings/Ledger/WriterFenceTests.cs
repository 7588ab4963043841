using Arena.Battles;
using Arena.Grains.Tests.Storage;
using Arena.Ratings;
using Arena.Ratings.Ledger;
using Arena.Storage;
using Arena.Storage.GroupCommit;
using Microsoft.Extensions.Logging.Abstractions;

namespace Arena.Grains.Tests.Ratings.Ledger;

/// <summary>
/// One writer for the ledger, enforced by the database: two silos' ledgers on one database, as two leaderboard
/// activations in a cluster split would be. Once the second has claimed, the first's writes are refused and leave
/// nothing behind; the second's go through.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class WriterFenceTests(PostgresFixture postgres) : IAsyncLifetime
{
    private readonly DatabaseWriters _firstSilo = new(NullLogger<DatabaseWriters>.Instance);
    private readonly DatabaseWriters _secondSilo = new(NullLogger<DatabaseWriters>.Instance);

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.PostgreSql)]
    public async Task OlderWriter_AfterANewerClaimed_IsRefused_AndWritesNothing(DatabaseKind kind)
    {
        var database = await TestLedgers.CreateDatabaseAsync(kind, "writer_fence", postgres);
        var first = TestLedgers.Open(kind, database, _firstSilo);
        var second = TestLedgers.Open(kind, database, _secondSilo);
        var firstEpoch = await first.ClaimWriterAsync("silo-1");
        await first.AppendAsync(firstEpoch, [Entry(0)]);

        var secondEpoch = await second.ClaimWriterAsync("silo-2");
        Assert.True(secondEpoch > firstEpoch);

        var vote = await Assert.ThrowsAsync<LedgerFencedException>(() => first.AppendAsync(firstEpoch, [Entry(1), Entry(2)]));
        await Assert.ThrowsAsync<LedgerFencedException>(() => first.AppendImportAsync(firstEpoch, Guid.NewGuid(), [Entry(3)]));
        Assert.Equal(secondEpoch, vote.Current);
        Assert.Single(await ReadAllAsync(second));

        await second.AppendAsync(secondEpoch, [Entry(4)]);
        Assert.Equal(2, (await ReadAllAsync(first)).Count);
        Assert.Equal(secondEpoch, await first.GetWriterEpochAsync());
    }

    private static async Task<List<LedgerEntry>> ReadAllAsync(AdoNetVoteLedger ledger)
    {
        var rows = new List<LedgerEntry>();
        await foreach (var entry in ledger.ReadAsync())
        {
            rows.Add(entry);
        }

        return rows;
    }

    private static LedgerEntry Entry(int i) => new(
        0,
        new VoteRecord(Guid.NewGuid(), "model-a", "model-b", BattleOutcome.A, "general", DateTimeOffset.UnixEpoch.AddSeconds(i), BattleMode.Anonymous, $"session-{i}", null, "", ""),
        1500,
        1500,
        0,
        0,
        LedgerEntry.FromVote);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _firstSilo.DisposeAsync();
        await _secondSilo.DisposeAsync();
    }
}
