using Arena.Battles;
using Orleans.Storage;

namespace Arena.Grains.Tests.Battles;

/// <summary>
/// A state write that fails inside a turn never wedges the battle: it is retried, and if it keeps failing the
/// sides end with a clear error, <c>battle_done</c> is published and the battle can be regenerated once storage is back.
/// </summary>
[Collection(FaultyStorageArenaCollection.Name)]
public sealed class TurnWriteFailureTests(FaultyStorageArenaFixture arena)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TurnWrite_FailsOnceThenRecovers_IsRetried_AndTheBattleEndsNormallyAsStored()
    {
        var id = Guid.NewGuid();
        var battle = arena.Client.GetGrain<IBattleGrain>(id);
        arena.Faults.Arm(id, passing: 1, failing: 1); // the start's write goes through, the turn's first one fails
        await using var watcher = await BattleWatcher.StartAsync(arena.Client, id);

        await battle.StartAsync(new StartBattle(Session(id), "Why do cats purr?", "general"));
        await watcher.Done.WaitAsync(Patience);

        Assert.Equal(1, arena.Faults.Failed(id));
        Assert.DoesNotContain(watcher.Events, e => e.Kind == BattleEventKind.SideError);
        Assert.Equal(BattleStatus.ReadyToVote, await battle.GetStatusAsync());
        var stored = await StoredAsync(battle);
        Assert.Equal(BattleStatus.ReadyToVote, stored.Status);
        var turn = Assert.Single(stored.Turns);
        foreach (var side in new[] { Side.A, Side.B })
        {
            Assert.Equal(SideStatus.Done, turn[side].Status);
            Assert.NotEmpty(turn[side].Text);
            Assert.Equal(watcher.TextOf(side), turn[side].Text);
        }

        Assert.Equal(BattleOutcome.A, (await battle.VoteAsync(Session(id), BattleOutcome.A)).Outcome);
    }

    [Fact]
    public async Task TurnWrite_KeepsFailing_SidesEndWithAClearError_BattleDone_AndARegenerateIsStoredOnceStorageRecovers()
    {
        var (id, battle) = await StartWithStorageDownAsync("What is a fjord?");

        var snapshot = await battle.GetAsync();
        Assert.Equal(BattleStatus.Failed, snapshot.Status);
        Assert.All([snapshot.Turns[0].A, snapshot.Turns[0].B], s =>
        {
            Assert.Equal(SideStatus.Failed, s.Status);
            Assert.Contains("could not save", s.Error, StringComparison.OrdinalIgnoreCase);
        });
        var refused = await Assert.ThrowsAsync<ArenaException>(() => battle.VoteAsync(Session(id), BattleOutcome.A));
        Assert.Equal(ArenaErrorKind.Conflict, refused.Kind);

        arena.Faults.Heal(id);
        await using var again = await BattleWatcher.StartAsync(arena.Client, id, e => e is { Kind: BattleEventKind.BattleDone, Turn: 1 });
        await battle.RegenerateAsync(Session(id));
        await again.Done.WaitAsync(Patience);

        Assert.Equal(BattleStatus.ReadyToVote, await battle.GetStatusAsync());
        var stored = await StoredAsync(battle);
        Assert.Equal(BattleStatus.ReadyToVote, stored.Status);
        Assert.Equal(2, stored.Turns.Count);
        Assert.True(stored.Turns[0].Superseded);
        Assert.Equal(SideStatus.Failed, stored.Turns[0].A.Status);
        foreach (var side in new[] { Side.A, Side.B })
        {
            Assert.Equal(SideStatus.Done, stored.Turns[1][side].Status);
            Assert.NotEmpty(stored.Turns[1][side].Text);
            Assert.Equal(again.TextOf(side, turn: 1), stored.Turns[1][side].Text);
        }
    }

    [Fact]
    public async Task Regenerate_WhileStorageIsStillDown_ChangesNothing_AndWorksOnceItRecovers()
    {
        var (id, battle) = await StartWithStorageDownAsync("Name three rivers.");

        var refused = await Assert.ThrowsAsync<ArenaException>(() => battle.RegenerateAsync(Session(id)));
        Assert.Equal(ArenaErrorKind.Unavailable, refused.Kind);
        var unchanged = await battle.GetAsync();
        Assert.Equal(BattleStatus.Failed, unchanged.Status);
        var turn = Assert.Single(unchanged.Turns);
        Assert.False(turn.Superseded);

        arena.Faults.Heal(id);
        await using var again = await BattleWatcher.StartAsync(arena.Client, id, e => e is { Kind: BattleEventKind.BattleDone, Turn: 1 });
        var regenerated = await battle.RegenerateAsync(Session(id));
        Assert.Equal(2, regenerated.Turns.Count);
        await again.Done.WaitAsync(Patience);
        Assert.Equal(BattleStatus.ReadyToVote, (await StoredAsync(battle)).Status);
    }

    [Fact]
    public async Task TurnEndWrite_KeepsFailing_BothStoredAnswersStand_AndTheVoteSurvivesANewActivation()
    {
        var id = Guid.NewGuid();
        var battle = arena.Client.GetGrain<IBattleGrain>(id);
        arena.Faults.Arm(id, passing: 3, failing: int.MaxValue); // the start and both sides are stored; the turn's end is not
        await using var watcher = await BattleWatcher.StartAsync(arena.Client, id);
        await battle.StartAsync(new StartBattle(Session(id), "Why is the sky blue?", "general"));
        await watcher.Done.WaitAsync(Patience);

        Assert.DoesNotContain(watcher.Events, e => e.Kind == BattleEventKind.SideError);
        Assert.Equal(BattleStatus.ReadyToVote, await battle.GetStatusAsync());
        var stored = await StoredAsync(battle);
        Assert.Equal(BattleStatus.Streaming, stored.Status);
        Assert.All([stored.Turns[0].A, stored.Turns[0].B], s => Assert.Equal(SideStatus.Done, s.Status));

        // The vote is recorded in the ledger while the battle's own copy of it cannot be written: that write, too,
        // fails every attempt (after the turn's end did) before storage recovers.
        var reveal = await battle.VoteAsync(Session(id), BattleOutcome.B);
        await arena.Faults.FailedAsync(id, 2 * FaultyStorageArenaFixture.WriteAttempts).WaitAsync(Patience);
        arena.Faults.Heal(id);
        await arena.Cluster.DeactivateAsync(battle);

        // A new activation finds both answers stored: the turn had ended, and the vote is the battle's again.
        var after = await battle.GetAsync();
        Assert.Equal(BattleStatus.Voted, after.Status);
        Assert.Equal(reveal.Outcome, after.Reveal?.Outcome);
        Assert.Equal(BattleStatus.Voted, (await StoredAsync(battle)).Status);
    }

    [Fact]
    public async Task TurnWrite_LandsButItsAnswerIsLost_TheTurnEnds_AndANewActivationRegenerates()
    {
        var id = Guid.NewGuid();
        var battle = arena.Client.GetGrain<IBattleGrain>(id);
        arena.Faults.Arm(id, passing: 1, failing: 1, landing: true); // the first side's write commits, then fails
        await using var watcher = await BattleWatcher.StartAsync(arena.Client, id);
        await battle.StartAsync(new StartBattle(Session(id), "How do tides work?", "general"));
        await watcher.Done.WaitAsync(Patience);

        // The retry meets the version the lost write stored: no later write of this activation can succeed.
        Assert.Equal(1, arena.Faults.Failed(id));
        Assert.Contains(watcher.Events, e => e.Kind == BattleEventKind.SideError);
        Assert.NotEqual(BattleStatus.Streaming, await battle.GetStatusAsync());

        // The next activation reads what is stored, so a regenerate is stored again.
        await using var again = await BattleWatcher.StartAsync(arena.Client, id, e => e is { Kind: BattleEventKind.BattleDone, Turn: 1 });
        await battle.RegenerateAsync(Session(id));
        await again.Done.WaitAsync(Patience);
        var stored = await StoredAsync(battle);
        Assert.Equal(BattleStatus.ReadyToVote, stored.Status);
        Assert.Equal(again.TextOf(Side.A, turn: 1), stored.Turns[1].A.Text);
    }

    [Fact]
    public async Task FileCategory_WhoseWriteKeepsFailing_ChangesNothing_AndFilesOnceStorageRecovers()
    {
        var id = Guid.NewGuid();
        var battle = arena.Client.GetGrain<IBattleGrain>(id);
        await using (var watcher = await BattleWatcher.StartAsync(arena.Client, id))
        {
            await battle.StartAsync(new StartBattle(Session(id), "How do I sort a list in Python?", "general"));
            await watcher.Done.WaitAsync(Patience);
        }

        arena.Faults.Arm(id, passing: 0, failing: int.MaxValue);
        var refused = await Assert.ThrowsAsync<ArenaException>(() => battle.FileCategoryAsync(Session(id), "coding"));
        Assert.Equal(ArenaErrorKind.Unavailable, refused.Kind);
        Assert.Equal("general", (await battle.GetAsync()).Category);
        Assert.Equal("general", (await StoredAsync(battle)).Category);

        arena.Faults.Heal(id);
        Assert.Equal("coding", (await battle.FileCategoryAsync(Session(id), "coding")).Category);
        Assert.Equal("coding", (await StoredAsync(battle)).Category);
    }

    [Fact]
    public async Task Start_WhoseWriteKeepsFailing_IsRefusedAsUnavailableWithARetryTime_StoresNothing_AndStartsOnceStorageRecovers()
    {
        var id = Guid.NewGuid();
        var battle = arena.Client.GetGrain<IBattleGrain>(id);
        arena.Faults.Arm(id, passing: 0, failing: int.MaxValue);

        // An ArenaException, not the storage's own: the database client's exceptions cannot cross silos (a web silo
        // then answered 500 while PostgreSQL restarted).
        var refused = await Assert.ThrowsAsync<ArenaException>(() => battle.StartAsync(new StartBattle(Session(id), "Why is ice slippery?", "general")));
        Assert.Equal(ArenaErrorKind.Unavailable, refused.Kind);
        Assert.NotNull(refused.RetryAfter);
        var stored = new GrainState<BattleState>();
        await arena.Stored.ReadStateAsync("battle", battle.GetGrainId(), stored);
        Assert.True(stored.State is null || stored.State.Status == BattleStatus.None, "a refused start left a stored battle");

        arena.Faults.Heal(id);
        await using var watcher = await BattleWatcher.StartAsync(arena.Client, id);
        await battle.StartAsync(new StartBattle(Session(id), "Why is ice slippery?", "general"));
        await watcher.Done.WaitAsync(Patience);
        Assert.Equal(BattleStatus.ReadyToVote, (await StoredAsync(battle)).Status);
    }

    /// <summary>Starts a battle whose every write after the start fails, and waits for its turn's end on the stream.</summary>
    private async Task<(Guid Id, IBattleGrain Battle)> StartWithStorageDownAsync(string prompt)
    {
        var id = Guid.NewGuid();
        var battle = arena.Client.GetGrain<IBattleGrain>(id);
        arena.Faults.Arm(id, passing: 1, failing: int.MaxValue);
        await using var watcher = await BattleWatcher.StartAsync(arena.Client, id);

        await battle.StartAsync(new StartBattle(Session(id), prompt, "general"));
        await watcher.Done.WaitAsync(Patience);

        // Each write was tried the configured number of times before the sides gave up.
        Assert.True(arena.Faults.Failed(id) >= FaultyStorageArenaFixture.WriteAttempts, $"only {arena.Faults.Failed(id)} writes failed");
        var errors = watcher.Events.Where(e => e.Kind == BattleEventKind.SideError).ToArray();
        Assert.Equal([Side.A, Side.B], errors.Select(e => e.Side!.Value).Order());
        Assert.All(errors, e => Assert.Contains("could not save", e.Text, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(BattleEventKind.BattleDone, watcher.Events[^1].Kind);
        Assert.NotEqual(BattleStatus.Streaming, await battle.GetStatusAsync());
        return (id, battle);
    }

    private async Task<BattleState> StoredAsync(IBattleGrain battle)
    {
        var state = new GrainState<BattleState>();
        await arena.Stored.ReadStateAsync("battle", battle.GetGrainId(), state);
        return state.State ?? throw new InvalidOperationException("The battle has no stored state.");
    }

    private static string Session(Guid battleId) => "session-" + battleId.ToString("N");
}
