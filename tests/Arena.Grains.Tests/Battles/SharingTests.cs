using Arena.Battles;

namespace Arena.Grains.Tests.Battles;

/// <summary>Who may read a battle: its owner, and others only once the owner shared it.</summary>
[Collection(HealthyArenaCollection.Name)]
public sealed class SharingTests(HealthyArenaFixture arena)
{
    private const string Stranger = "stranger-session";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task GetForAsync_BeforeShare_OwnerReadsStrangerGetsNotFoundLikeAnUnknownId()
    {
        var (id, battle) = await StartAndFinishAsync();
        await battle.VoteAsync(Owner(id), BattleOutcome.A);

        Assert.Equal(id, (await battle.GetForAsync(Owner(id))).BattleId);
        var hidden = await Assert.ThrowsAsync<ArenaException>(() => battle.GetForAsync(Stranger));
        var unknown = await Assert.ThrowsAsync<ArenaException>(() => arena.Client.GetGrain<IBattleGrain>(Guid.NewGuid()).GetForAsync(Stranger));
        Assert.Equal(ArenaErrorKind.NotFound, hidden.Kind);
        Assert.Equal(ArenaErrorKind.NotFound, unknown.Kind);
        Assert.Equal($"There is no battle {id}.", hidden.Message); // word for word what an unknown id gets
    }

    [Fact]
    public async Task ShareAsync_ByOwnerAfterVote_StrangersReadItAndSharingAgainChangesNothing()
    {
        var (id, battle) = await StartAndFinishAsync();
        var reveal = await battle.VoteAsync(Owner(id), BattleOutcome.B);

        var shared = await battle.ShareAsync(Owner(id));
        var again = await battle.ShareAsync(Owner(id));
        await arena.Cluster.DeactivateAsync(battle); // the flag is stored
        var read = await battle.GetForAsync(Stranger);

        Assert.Equal(BattleRules.SharePath(id), shared.ShareUrl);
        Assert.Equal(shared.ShareUrl, again.ShareUrl);
        Assert.Equal((shared.ShareUrl, reveal.A.Model, BattleStatus.Voted), (read.ShareUrl, read.ModelA, read.Status));
        Assert.Equal(ArenaErrorKind.Forbidden, (await Assert.ThrowsAsync<ArenaException>(() => battle.ShareAsync(Stranger))).Kind);
    }

    [Fact]
    public async Task ShareAsync_ByStranger_NotFoundAndNothingShared()
    {
        var (id, battle) = await StartAndFinishAsync();
        await battle.VoteAsync(Owner(id), BattleOutcome.Tie);

        var refused = await Assert.ThrowsAsync<ArenaException>(() => battle.ShareAsync(Stranger));

        Assert.Equal(ArenaErrorKind.NotFound, refused.Kind);
        Assert.Null((await battle.GetForAsync(Owner(id))).ShareUrl);
        Assert.Equal(ArenaErrorKind.NotFound, (await Assert.ThrowsAsync<ArenaException>(() => battle.GetForAsync(Stranger))).Kind);
    }

    private async Task<(Guid Id, IBattleGrain Battle)> StartAndFinishAsync()
    {
        var id = Guid.NewGuid();
        await using var watcher = await BattleWatcher.StartAsync(arena.Client, id);
        var battle = arena.Client.GetGrain<IBattleGrain>(id);
        await battle.StartAsync(new StartBattle(Owner(id), "Name a river.", "general"));
        await watcher.Done.WaitAsync(Patience);
        return (id, battle);
    }

    private static string Owner(Guid battleId) => "owner-" + battleId.ToString("N");
}
