using Arena.Battles;
using Arena.Grains.Tests.Storage;
using Microsoft.Data.Sqlite;

namespace Arena.Grains.Tests.Battles;

/// <summary>What a vote writes, counted in the database: the battle's state once (with its reveal), the ledger row once, and no outbox row left.</summary>
[Collection(HealthyArenaCollection.Name)]
public sealed class VoteWriteTests(HealthyArenaFixture arena)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task VoteAsync_FinishedBattle_WritesTheBattleStateOnce_AndARepeatedVoteWritesNothing()
    {
        var id = Guid.NewGuid();
        var session = "session-" + id.ToString("N");
        await using var watcher = await BattleWatcher.StartAsync(arena.Client, id);
        var battle = arena.Client.GetGrain<IBattleGrain>(id);
        await battle.StartAsync(new StartBattle(session, "Name a colour.", "general", "sim-terse", "sim-chatty"));
        await watcher.Done.WaitAsync(Patience);
        await SqlHelpers.WaitUntilAsync(async () => await BattleStateVersionAsync(id) is not null, Patience, "the battle's state");
        var before = await BattleStateVersionAsync(id);

        var reveal = await battle.VoteAsync(session, BattleOutcome.B);
        var again = await battle.VoteAsync(session, BattleOutcome.A);
        // The activation ends only once its reveal is stored: then every write the vote made is in the database.
        await arena.Cluster.DeactivateAsync(battle);

        Assert.Equal(BattleOutcome.B, again.Outcome);
        Assert.Equal(reveal, again);
        Assert.Equal(before + 1, await BattleStateVersionAsync(id));
        Assert.Equal(1, await CountAsync("arena_vote_ledger", id));
        Assert.Equal(0, await CountAsync("arena_vote_outbox", id));

        // The one write holds the reveal: the next activation shows it without writing again.
        Assert.Equal(reveal, (await battle.GetAsync()).Reveal);
        Assert.Equal(reveal, await battle.VoteAsync(session, BattleOutcome.Tie));
        await arena.Cluster.DeactivateAsync(battle);
        Assert.Equal(before + 1, await BattleStateVersionAsync(id));
    }

    /// <summary>The version of the battle's row in <c>arena_grain_state</c> (one more per write), or null before its first.</summary>
    private async Task<long?> BattleStateVersionAsync(Guid id)
    {
        var bytes = id.ToByteArray();
        await using var connection = new SqliteConnection(arena.ConnectionString);
        await connection.OpenAsync();
        var versions = await SqlHelpers.ReadStringsAsync(connection,
            $"SELECT version FROM arena_grain_state WHERE grain_type = 'battle' AND grain_id_n0 = {BitConverter.ToInt64(bytes, 0)} AND grain_id_n1 = {BitConverter.ToInt64(bytes, 8)}");
        return versions.Count == 0 ? null : long.Parse(Assert.Single(versions), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<long> CountAsync(string table, Guid id)
    {
        await using var connection = new SqliteConnection(arena.ConnectionString);
        await connection.OpenAsync();
        return await SqlHelpers.ScalarAsync(connection, $"SELECT COUNT(*) FROM {table} WHERE battle_id = '{id:D}'");
    }
}
