using Arena.Battles;
using Arena.Ratings;
using Arena.Ratings.Ledger;
using Arena.Storage;
using Arena.Storage.GroupCommit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Arena.Grains.Tests.Storage;

/// <summary>
/// The process's SQLite writers take the write lock in turn, in arrival order (<see cref="SqliteWriteGate"/>): a vote
/// that arrives while an import chunk is being written goes before the import's next chunk, instead of polling
/// SQLite's lock while the import takes it again and again.
/// </summary>
public sealed class SqliteWriteGateTests : IAsyncLifetime
{
    private readonly DatabaseWriters _writers = new(NullLogger<DatabaseWriters>.Instance);

    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Turns_AreGivenInArrivalOrder_OnePerFile_WhateverTheConnectionOptions()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("arena-gate-").FullName, "arena.db");
        var first = await SqliteWriteGate.EnterAsync(DatabaseKind.Sqlite, $"Data Source={file}");
        var order = new List<int>();
        var waiting = Enumerable.Range(1, 5).Select(async i =>
        {
            // Entered one after the other from this thread: each joins the queue before the next asks.
            var entering = SqliteWriteGate.EnterAsync(DatabaseKind.Sqlite, i % 2 == 0 ? $"Data Source={file};Pooling=False" : $"Data Source={file}");
            using var turn = await entering;
            lock (order)
            {
                order.Add(i);
            }

            await Task.Yield(); // the next in line waits until this turn ends, not only until it began
        }).ToArray();
        using (var other = await SqliteWriteGate.EnterAsync(DatabaseKind.Sqlite, $"Data Source={file}.other"))
        using (await SqliteWriteGate.EnterAsync(DatabaseKind.PostgreSql, "Host=localhost"))
        {
            Assert.Empty(order); // another file and PostgreSQL are not held up; this file is
        }

        first.Dispose();
        await Task.WhenAll(waiting);

        Assert.Equal([1, 2, 3, 4, 5], order);
    }

    [Fact]
    public async Task AVote_ArrivingDuringAnImportChunk_IsCommittedBeforeTheNextChunk_SentAtOnce()
    {
        var connectionString = $"Data Source={Path.Combine(Directory.CreateTempSubdirectory("arena-gate-").FullName, "arena.db")}";
        await ArenaSchema.ApplyAsync(DatabaseKind.Sqlite, connectionString);
        var ledger = new AdoNetVoteLedger(Options.Create(new VoteLedgerOptions { Kind = DatabaseKind.Sqlite, ConnectionString = connectionString }), _writers);
        var importId = Guid.NewGuid();

        var firstChunk = Task.Run(() => ledger.AppendImportAsync(importId, Chunk(0, 100_000)));
        while (!await WriteLockTakenAsync(connectionString) && !firstChunk.IsCompleted)
        {
            await Task.Delay(1);
        }

        Assert.False(firstChunk.IsCompleted, "The first chunk finished before the vote could arrive during it.");
        var vote = Task.Run(() => ledger.AppendAsync([Entry(Vote(99_999), LedgerEntry.FromVote)]));
        await Task.Delay(50);
        var firstLast = await firstChunk;
        var secondLast = await ledger.AppendImportAsync(importId, Chunk(100_000, 1_000)); // at once, as an import does
        var voteSeq = await vote;

        Assert.Equal(100_000, firstLast);
        Assert.Equal(100_001, voteSeq);
        Assert.Equal(101_001, secondLast);
    }

    /// <summary>Whether another connection holds SQLite's write lock now: asked through SQLite's own API, which answers busy at once.</summary>
    private static async Task<bool> WriteLockTakenAsync(string connectionString)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(connectionString + ";Pooling=False");
        await connection.OpenAsync();
        var db = connection.Handle!;
        var rc = SQLitePCL.raw.sqlite3_exec(db, "BEGIN IMMEDIATE");
        if (rc == SQLitePCL.raw.SQLITE_OK)
        {
            SQLitePCL.raw.sqlite3_exec(db, "ROLLBACK");
            return false;
        }

        return rc == SQLitePCL.raw.SQLITE_BUSY ? true : throw new InvalidOperationException($"Probing the write lock failed: SQLite error {rc}.");
    }

    private static List<LedgerEntry> Chunk(int from, int count) =>
        Enumerable.Range(from, count).Select(i => Entry(Vote(i), LedgerEntry.FromImport)).ToList();

    private static VoteRecord Vote(int i) =>
        new(Guid.NewGuid(), $"m{i % 7}", $"x{i % 5}", BattleOutcome.A, "general", Start.AddSeconds(i), BattleMode.Anonymous, LedgerEntry.FromImport, null, "", "");

    private static LedgerEntry Entry(VoteRecord vote, string source) => new(0, vote, 1500, 1500, 0, 0, source);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _writers.DisposeAsync().AsTask();
}
