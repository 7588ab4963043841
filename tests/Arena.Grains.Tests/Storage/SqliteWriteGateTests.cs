using Arena.Storage;

namespace Arena.Grains.Tests.Storage;

/// <summary>
/// The process's SQLite writers take the write lock in turn, in arrival order (<see cref="SqliteWriteGate"/>), instead
/// of polling SQLite's lock while a bulk writer takes it again and again.
/// </summary>
public sealed class SqliteWriteGateTests
{
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
}
