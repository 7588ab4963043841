using Arena.Battles;
using Arena.Ratings;

namespace Arena.Grains.Tests.Battles;

[Collection(TroubledArenaCollection.Name)]
public sealed class BattleFailureTests(TroubledArenaFixture arena)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task StartAsync_ModelFailsMidStream_SideErrorWhileOtherSideStillRuns()
    {
        var (battle, watcher, session) = await StartUntilSideErrorAsync();
        await using var _ = watcher;

        var error = Assert.Single(watcher.Events, e => e.Kind == BattleEventKind.SideError);
        Assert.False(string.IsNullOrWhiteSpace(error.Text));
        var snapshot = await battle.GetAsync();
        Assert.Equal(BattleStatus.Streaming, snapshot.Status);
        var failed = error.Side == Side.A ? snapshot.Turns[0].A : snapshot.Turns[0].B;
        var other = error.Side == Side.A ? snapshot.Turns[0].B : snapshot.Turns[0].A;
        Assert.Equal(SideStatus.Failed, failed.Status);
        Assert.Equal(error.Text, failed.Error);
        Assert.Equal(SideStatus.Streaming, other.Status);
        Assert.DoesNotContain(TroubledArenaFixture.Broken, error.Text, StringComparison.Ordinal);
        Assert.NotNull(session);
    }

    [Fact]
    public async Task VoteAsync_BeforeBothSidesFinished_ConflictAndNothingCounted()
    {
        var (battle, watcher, session) = await StartUntilSideErrorAsync();
        await using var _ = watcher;
        var before = await arena.Client.GetGrain<ILeaderboardGrain>(0).GetAsync();

        var refused = await Assert.ThrowsAsync<ArenaException>(() => battle.VoteAsync(session, BattleOutcome.A));

        Assert.Equal(ArenaErrorKind.Conflict, refused.Kind);
        Assert.Contains("finish", refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await arena.Client.GetGrain<ILeaderboardGrain>(0).GetAsync(), StandingsComparer.Instance);
        Assert.Null((await battle.GetAsync()).Vote);
    }

    [Fact]
    public async Task OnActivateAsync_BattleInterruptedMidStream_FailsClearlyAndRefusesVotes()
    {
        var (battle, watcher, session) = await StartUntilSideErrorAsync();
        await using var _ = watcher;

        // The activation that ran the answers goes away, as it would when its silo dies.
        await arena.Cluster.DeactivateAsync(battle);

        var snapshot = await battle.GetAsync();
        Assert.Equal(BattleStatus.Failed, snapshot.Status);
        var interrupted = new[] { snapshot.Turns[0].A, snapshot.Turns[0].B }.Single(s => s.Error?.Contains("interrupted", StringComparison.Ordinal) == true);
        Assert.Equal(SideStatus.Failed, interrupted.Status);
        var refused = await Assert.ThrowsAsync<ArenaException>(() => battle.VoteAsync(session, BattleOutcome.B));
        Assert.Equal(ArenaErrorKind.Conflict, refused.Kind);
        Assert.Contains("cannot be voted", refused.Message, StringComparison.Ordinal);
    }

    private async Task<(IBattleGrain Battle, BattleWatcher Watcher, string Session)> StartUntilSideErrorAsync()
    {
        var id = Guid.NewGuid();
        var session = "session-" + id.ToString("N");
        var watcher = await BattleWatcher.StartAsync(arena.Client, id, e => e.Kind == BattleEventKind.SideError);
        var battle = arena.Client.GetGrain<IBattleGrain>(id);
        await battle.StartAsync(new StartBattle(session, "Tell me about rivers.", "general"));
        await watcher.Done.WaitAsync(Patience);
        return (battle, watcher, session);
    }
}
