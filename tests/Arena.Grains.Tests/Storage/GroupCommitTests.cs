using Arena.Storage.GrainState;
using Arena.Storage.GroupCommit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Arena.Grains.Tests.Storage;

/// <summary>Grain states written in groups: many writes to a transaction, each answered on its own.</summary>
public sealed class GroupCommitTests(SqliteClusterFixture fixture) : IClassFixture<SqliteClusterFixture>
{
    private IGrainStorage Storage => fixture.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(ProbeGrain.StorageName);

    private GroupCommitter Writer => ((ArenaGrainStorage)Storage).Writer;

    [Fact]
    public async Task WritesQueuedBehindACommit_AllGoInTheNextTransaction_AndEachIsDurable()
    {
        var grains = Enumerable.Range(0, 100).Select(i => fixture.Cluster.Client.GetGrain<IProbeGrain>($"group-{i}")).ToArray();
        await Task.WhenAll(grains.Select(g => g.GetAsync())); // activated: only the writes are measured

        Task[] writes;
        long before;
        await using (var blocker = await HoldWriteLockAsync())
        {
            before = Writer.Transactions;
            // The first write takes the (blocked) first transaction; the other 99 wait in the queue behind it.
            var head = grains[0].WriteAsync("value-0");
            await WaitUntilAsync(() => Writer.Committing == 1);
            writes = [head, .. grains.Skip(1).Select((g, i) => g.WriteAsync($"value-{i + 1}"))];
            await WaitUntilAsync(() => Writer.Queued == 99);
            Assert.All(writes, w => Assert.False(w.IsCompleted));
        }

        await Task.WhenAll(writes);
        Assert.Equal(2, Writer.Transactions - before);
        for (var i = 0; i < grains.Length; i++)
        {
            Assert.Equal($"value-{i}", await ReadRowValueAsync(grains[i]));
        }
    }

    [Fact]
    public async Task AStaleWriteInAGroup_FailsAlone_AndTheOthersCommit()
    {
        var stale = fixture.Cluster.Client.GetGrain<IProbeGrain>("group-stale");
        await stale.WriteAsync("first");
        var others = Enumerable.Range(0, 10).Select(i => fixture.Cluster.Client.GetGrain<IProbeGrain>($"group-fine-{i}")).ToArray();
        await Task.WhenAll(others.Select(g => g.GetAsync()));

        // A second writer of the same state (as a second activation would be) moves its version on first.
        var other = new GrainState<ProbeState>();
        await Storage.ReadStateAsync("probe", stale.GetGrainId(), other);
        other.State!.Value = "theirs";
        await Storage.WriteStateAsync("probe", stale.GetGrainId(), other);

        var first = fixture.Cluster.Client.GetGrain<IProbeGrain>("group-head");
        await first.GetAsync();
        Task staleWrite;
        Task[] fine;
        await using (var blocker = await HoldWriteLockAsync())
        {
            // A first write holds the writer in a blocked transaction, so the next eleven form one group behind it.
            var head = first.WriteAsync("head");
            await WaitUntilAsync(() => Writer.Committing == 1);
            staleWrite = stale.WriteAsync("mine");
            fine = others.Select((g, i) => g.WriteAsync($"fine-{i}")).ToArray();
            await WaitUntilAsync(() => Writer.Queued >= 11);
            fine = [.. fine, head];
        }

        await Assert.ThrowsAsync<InconsistentStateException>(() => staleWrite);
        await Task.WhenAll(fine);
        Assert.Equal("theirs", await ReadRowValueAsync(stale));
        Assert.Equal("fine-3", await ReadRowValueAsync(others[3]));
    }

    [Fact]
    public async Task AFailedTransaction_FailsItsWrites_AndTheNextWriteSucceeds()
    {
        var grain = fixture.Cluster.Client.GetGrain<IProbeGrain>("group-broken");
        await grain.WriteAsync("before");
        await ExecuteAsync("ALTER TABLE arena_grain_state RENAME TO arena_grain_state_away;");
        try
        {
            var failure = await Assert.ThrowsAnyAsync<Exception>(() => grain.WriteAsync("during"));
            Assert.Contains("arena_grain_state", failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            await ExecuteAsync("ALTER TABLE arena_grain_state_away RENAME TO arena_grain_state;");
        }

        // The failed write left the grain's version where it was, so the next one goes through.
        await grain.WriteAsync("after");
        Assert.Equal("after", await ReadRowValueAsync(grain));
    }

    [Fact]
    public async Task KeysAreLaidOutAsOrleansAdoNetProviderWroteThem_SoExistingRowsReadOn()
    {
        var guid = Guid.NewGuid();
        var byGuid = GrainId.Create(GrainType.Create("probe"), GrainIdKeyExtensions.CreateGuidKey(guid));
        var byInteger = GrainId.Create(GrainType.Create("probe"), GrainIdKeyExtensions.CreateIntegerKey(42));
        await Storage.WriteStateAsync("probe", byGuid, new GrainState<ProbeState>(new ProbeState { Value = "g" }));
        await Storage.WriteStateAsync("probe", byInteger, new GrainState<ProbeState>(new ProbeState { Value = "i" }));

        // The earlier provider split a Guid key's ToByteArray() into two little-endian longs, and put an integer key in n1.
        var bytes = guid.ToByteArray();
        var rows = await ReadStringsAsync(
            "SELECT grain_id_n0 || '|' || grain_id_n1 || '|' || grain_id_ext || '|' || version FROM arena_grain_state " +
            $"WHERE grain_type = 'probe' AND (grain_id_n1 = 42 OR grain_id_n0 = {BitConverter.ToInt64(bytes, 0)}) ORDER BY grain_id_n1 = 42");
        Assert.Equal([$"{BitConverter.ToInt64(bytes, 0)}|{BitConverter.ToInt64(bytes, 8)}||1", "0|42||1"], rows);
    }

    private async Task<List<string>> ReadStringsAsync(string sql)
    {
        await using var connection = new SqliteConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        return await SqlHelpers.ReadStringsAsync(connection, sql);
    }

    private async Task<string?> ReadRowValueAsync(IProbeGrain grain)
    {
        var state = new GrainState<ProbeState>();
        await Storage.ReadStateAsync("probe", grain.GetGrainId(), state);
        return state.State?.Value;
    }

    /// <summary>Another connection holding SQLite's write lock until disposed, as a long import chunk would.</summary>
    private async Task<WriteLock> HoldWriteLockAsync()
    {
        var connection = new SqliteConnection(fixture.ConnectionString + ";Pooling=False");
        await connection.OpenAsync();
        return new WriteLock(connection, connection.BeginTransaction(deferred: false)); // BEGIN IMMEDIATE
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private sealed class WriteLock(SqliteConnection connection, SqliteTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync(); // rolls the empty transaction back and frees the lock
            await connection.DisposeAsync();
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(8));
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }
}
