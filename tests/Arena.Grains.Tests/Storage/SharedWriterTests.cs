using Arena.Battles;
using Arena.Ratings;
using Arena.Ratings.Ledger;
using Arena.Storage;
using Arena.Storage.GrainState;
using Arena.Storage.GroupCommit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Arena.Grains.Tests.Storage;

/// <summary>
/// The vote outbox, the ledger and grain state in one SQLite file share its one group writer: whatever is queued
/// while a transaction commits goes into the next one, and nothing is answered before it is durable.
/// </summary>
public sealed class SharedWriterTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("arena-writer-").FullName;
    private readonly DatabaseWriters _writers = new(NullLogger<DatabaseWriters>.Instance);
    private AdoNetVoteOutbox _outbox = null!;
    private AdoNetVoteLedger _ledger = null!;
    private long _epoch;

    private string ConnectionString => $"Data Source={Path.Combine(_directory, "arena.db")}";

    private GroupCommitter Writer => _outbox.Writer;

    public async Task InitializeAsync()
    {
        await ArenaSchema.ApplyAsync(DatabaseKind.Sqlite, ConnectionString);
        var options = Options.Create(new VoteLedgerOptions { Kind = DatabaseKind.Sqlite, ConnectionString = ConnectionString });
        _outbox = new AdoNetVoteOutbox(options, _writers);
        _ledger = new AdoNetVoteLedger(options, _writers);
        _epoch = await _ledger.ClaimWriterAsync("test");
    }

    public async Task DisposeAsync()
    {
        await _writers.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task AddAsync_VotesQueuedBehindAHeldWriteLock_CommitInOneTransaction_AndNoneIsAnsweredBeforeItIsDurable()
    {
        var votes = Enumerable.Range(0, 100).Select(_ => Vote(Guid.NewGuid())).ToArray();
        Task[] adds;
        long before;
        await using (await HoldWriteLockAsync())
        {
            before = Writer.Transactions;
            // The first vote takes the (blocked) first transaction; the other 99 wait in the queue behind it.
            var head = _outbox.AddAsync(votes[0]);
            await WaitUntilAsync(() => Writer.Committing == 1);
            adds = [head, .. votes.Skip(1).Select(v => _outbox.AddAsync(v))];
            await WaitUntilAsync(() => Writer.Queued == 99);
            Assert.All(adds, a => Assert.False(a.IsCompleted));
            Assert.Equal(0, await CountAsync("arena_vote_outbox"));
        }

        await Task.WhenAll(adds);
        Assert.Equal(2, Writer.Transactions - before);
        Assert.Equal(100, await CountAsync("arena_vote_outbox"));
        Assert.Equal(votes[42], await _outbox.FindAsync(votes[42].BattleId));
    }

    [Fact]
    public async Task AddAsync_SameBattleTwiceInAGroupAndOneAlreadyCounted_EachAnswered_OneRowForTheNewBattleOnly()
    {
        var counted = Vote(Guid.NewGuid());
        await _ledger.AppendAsync(_epoch, [new LedgerEntry(0, counted, 1516, 1484, 16, -16)]);
        var fresh = Vote(Guid.NewGuid());
        Task[] adds;
        await using (await HoldWriteLockAsync())
        {
            var head = _outbox.AddAsync(Vote(Guid.NewGuid()));
            await WaitUntilAsync(() => Writer.Committing == 1);
            adds = [head, _outbox.AddAsync(fresh), _outbox.AddAsync(fresh with { Outcome = BattleOutcome.B }), _outbox.AddAsync(counted)];
            await WaitUntilAsync(() => Writer.Queued == 3);
        }

        await Task.WhenAll(adds);
        Assert.Equal(BattleOutcome.A, (await _outbox.FindAsync(fresh.BattleId))?.Outcome);
        Assert.Null(await _outbox.FindAsync(counted.BattleId));
        Assert.Equal(2, await CountAsync("arena_vote_outbox"));
    }

    [Fact]
    public async Task OutboxLedgerAndGrainState_QueuedTogether_ShareOneTransaction()
    {
        var waiting = Vote(Guid.NewGuid());
        var counted = Vote(Guid.NewGuid());
        await _outbox.AddAsync(counted);
        var state = new GrainStateKey("writer-tests", "probe", 0, 7, "");
        Task[] writes;
        long before;
        await using (await HoldWriteLockAsync())
        {
            before = Writer.Transactions;
            var head = _outbox.AddAsync(Vote(Guid.NewGuid()));
            await WaitUntilAsync(() => Writer.Committing == 1);
            writes =
            [
                head,
                _outbox.AddAsync(waiting),
                _ledger.AppendAsync(_epoch, [new LedgerEntry(0, counted, 1516, 1484, 16, -16)]),
                Writer.WriteAsync(new GrainStateWrite(state, null, [1, 2, 3])),
            ];
            await WaitUntilAsync(() => Writer.Queued == 3);
        }

        await Task.WhenAll(writes);
        Assert.Equal(2, Writer.Transactions - before);
        Assert.NotNull(await _outbox.FindAsync(waiting.BattleId));
        // The counted vote moved from the outbox to the ledger in that transaction.
        Assert.Null(await _outbox.FindAsync(counted.BattleId));
        Assert.Single(await _ledger.FindAsync([counted.BattleId]));
        Assert.Equal(1, await CountAsync("arena_grain_state"));
    }

    private static VoteRecord Vote(Guid battleId) =>
        new(battleId, "model-a", "model-b", BattleOutcome.A, "general", DateTimeOffset.UtcNow, BattleMode.Anonymous);

    private async Task<long> CountAsync(string table)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        return await SqlHelpers.ScalarAsync(connection, $"SELECT COUNT(*) FROM {table}");
    }

    /// <summary>Another connection holding SQLite's write lock until disposed, as a long import chunk would.</summary>
    private async Task<IAsyncDisposable> HoldWriteLockAsync()
    {
        var connection = new SqliteConnection(ConnectionString + ";Pooling=False");
        await connection.OpenAsync();
        return new WriteLock(connection, connection.BeginTransaction(deferred: false)); // BEGIN IMMEDIATE
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(8));
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }

    private sealed class WriteLock(SqliteConnection connection, SqliteTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync(); // rolls the empty transaction back and frees the lock
            await connection.DisposeAsync();
        }
    }
}
