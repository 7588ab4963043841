using System.Globalization;
using Arena.Battles;
using Arena.Tests.Shared;
using Microsoft.Data.Sqlite;

namespace Arena.Grains.Tests.Battles;

/// <summary>
/// A battle's first tokens do not wait for its state write: the models are asked at once, and the activation goes on
/// streaming their tokens while the write waits to commit. The start is acknowledged only once written.
/// </summary>
[Collection(HealthyArenaCollection.Name)]
public sealed class StartWriteTests(HealthyArenaFixture fixture)
{
    [Fact]
    public async Task Start_WhileTheDatabaseIsLocked_TheModelsAlreadyAnswer_AndTheStartIsAcknowledgedOnlyOnceWritten()
    {
        var battle = fixture.Client.GetGrain<IBattleGrain>(Guid.NewGuid());
        using var http = new HttpClient { BaseAddress = fixture.Simulator.BaseAddress };
        var before = await GeneratedTokensAsync(http);
        var tokens = 0;
        await using var subscription = await EventSubscription<BattleEvent>.StartAsync(fixture.Client, battle.GetPrimaryKey(), e =>
        {
            if (e.Kind == BattleEventKind.Token)
            {
                Interlocked.Increment(ref tokens);
            }
        });

        Task<BattleSnapshot> start;
        await using (var connection = new SqliteConnection(fixture.ConnectionString + ";Pooling=False"))
        {
            await connection.OpenAsync();
            await using var hold = connection.BeginTransaction(deferred: false); // holds SQLite's write lock
            start = battle.StartAsync(new StartBattle("session-start-write", "Tell me about tides.", "general"));

            // The model server streams tokens (counted on its own /metrics) while the battle's write waits for the lock.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(8));
            while (await GeneratedTokensAsync(http) <= before)
            {
                await Task.Delay(10, timeout.Token);
            }

            // ...and the battle's activation, not blocked by its pending write, publishes them onto its stream.
            while (Volatile.Read(ref tokens) == 0)
            {
                await Task.Delay(10, timeout.Token);
            }

            Assert.False(start.IsCompleted, "the start was acknowledged before its state could be written");
        }

        var snapshot = await start;
        Assert.Equal(snapshot.BattleId, battle.GetPrimaryKey());

        // Watchers are registered in memory, not in the database beside the battles.
        await using var check = new SqliteConnection(fixture.ConnectionString);
        await check.OpenAsync();
        await using var count = check.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM arena_grain_state WHERE grain_type NOT IN ('battle', 'battlestats', 'session', 'leaderboard', 'routing-stats', 'moderationstats', 'assistant')";
        Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);
    }

    private static async Task<double> GeneratedTokensAsync(HttpClient http)
    {
        var text = await http.GetStringAsync("/metrics");
        return text.Split('\n')
            .Where(line => line.StartsWith("vllm:generation_tokens_total{", StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }
}
