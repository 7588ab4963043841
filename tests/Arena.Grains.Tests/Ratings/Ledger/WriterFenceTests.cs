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
/// nothing behind; the second's go through. A claim waits for a write in flight, so a replay from the last row applied
/// misses nothing, whatever order the writes committed in.
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

    [Fact]
    public async Task Claim_WhileAnOlderWritersWriteIsInFlight_WaitsForItsCommit_AndAReplayFromTheMarkSeesItsRow()
    {
        var database = await TestLedgers.CreateDatabaseAsync(DatabaseKind.PostgreSql, "writer_fence_in_flight", postgres);
        var first = TestLedgers.Open(DatabaseKind.PostgreSql, database, _firstSilo);
        var second = TestLedgers.Open(DatabaseKind.PostgreSql, database, _secondSilo);
        var firstEpoch = await first.ClaimWriterAsync("silo-1");
        await first.AppendAsync(firstEpoch, [Entry(0)]);
        var mark = (await ReadAllAsync(second)).Max(e => e.Seq); // the replay mark a checkpoint would hold

        // The first writer's next write, in flight: it holds the fence, as every ledger write does, and has its row.
        await using var connection = new Npgsql.NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var write = await connection.BeginTransactionAsync();
        await AdoNetVoteLedger.FenceAsync(DatabaseKind.PostgreSql, connection, write, firstEpoch, CancellationToken.None);
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = write;
            insert.CommandText = $"""
                INSERT INTO arena_vote_ledger (battle_id, voted_at, model_a, model_b, outcome, category, mode, session_hash, counted,
                    rating_a, rating_b, delta_a, delta_b, client_hash, prompt_hash, writer_epoch)
                VALUES ('{Guid.NewGuid()}', now(), 'model-a', 'model-b', 'model_a', 'general', 'anony', 'session-in-flight', true,
                    1516, 1484, 16, -16, '', '', {firstEpoch})
                """;
            await insert.ExecuteNonQueryAsync();
        }

        // A newer activation claims meanwhile: the claim cannot fall inside that write.
        var claim = second.ClaimWriterAsync("silo-2");
        Assert.NotSame(claim, await Task.WhenAny(claim, Task.Delay(TimeSpan.FromSeconds(1))));
        await write.CommitAsync();
        var secondEpoch = await claim;

        // Its replay from the mark sees the row that committed before the claim; the older writer can write no more.
        var replayed = new List<LedgerEntry>();
        await foreach (var entry in second.ReadAsync(mark))
        {
            replayed.Add(entry);
        }

        Assert.Equal("session-in-flight", Assert.Single(replayed).Vote.SessionHash);
        await Assert.ThrowsAsync<LedgerFencedException>(() => first.AppendAsync(firstEpoch, [Entry(1)]));
        Assert.True(secondEpoch > firstEpoch);
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
