using Arena.Battles;
using Arena.Ratings.Ledger;
using Microsoft.Extensions.DependencyInjection;

namespace Arena.Grains.Tests.Battles;

/// <summary>A battle starts before its prompt is classified and is filed under the category once it is known.</summary>
[Collection(HealthyArenaCollection.Name)]
public sealed class CategoryFilingTests(HealthyArenaFixture arena)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task FileCategoryAsync_WhileAnswering_TheVoteIsRecordedUnderIt()
    {
        var (id, session, battle, watcher) = await StartAsync();
        await using var _ = watcher;

        var filed = await battle.FileCategoryAsync(session, "coding");
        await watcher.Done.WaitAsync(Patience);
        await battle.VoteAsync(session, BattleOutcome.A);

        Assert.Equal("coding", filed.Category);
        Assert.Equal("coding", (await battle.GetAsync()).Category);
        var row = (await arena.SiloServices.GetRequiredService<IVoteLedger>().FindAsync([id]))[id];
        Assert.Equal("coding", row.Vote.Category);
    }

    [Fact]
    public async Task FileCategoryAsync_AnotherSession_ForbiddenAndUnchanged()
    {
        var (_, _, battle, watcher) = await StartAsync();
        await using var _ = watcher;

        var refused = await Assert.ThrowsAsync<ArenaException>(() => battle.FileCategoryAsync("someone-else", "coding"));

        Assert.Equal(ArenaErrorKind.Forbidden, refused.Kind);
        Assert.Equal("general", (await battle.GetAsync()).Category);
    }

    [Fact]
    public async Task FileCategoryAsync_EmptyCategory_InvalidAndUnchanged()
    {
        var (_, session, battle, watcher) = await StartAsync();
        await using var _ = watcher;

        var refused = await Assert.ThrowsAsync<ArenaException>(() => battle.FileCategoryAsync(session, " "));

        Assert.Equal(ArenaErrorKind.Invalid, refused.Kind);
        Assert.Equal("general", (await battle.GetAsync()).Category);
    }

    [Fact]
    public async Task FileCategoryAsync_AfterTheVote_KeepsTheCategoryTheVoteWasRecordedWith()
    {
        var (id, session, battle, watcher) = await StartAsync();
        await using var _ = watcher;
        await watcher.Done.WaitAsync(Patience);
        await battle.VoteAsync(session, BattleOutcome.B);

        var after = await battle.FileCategoryAsync(session, "coding");

        Assert.Equal("general", after.Category);
        var row = (await arena.SiloServices.GetRequiredService<IVoteLedger>().FindAsync([id]))[id];
        Assert.Equal("general", row.Vote.Category);
    }

    private async Task<(Guid Id, string Session, IBattleGrain Battle, BattleWatcher Watcher)> StartAsync()
    {
        var id = Guid.NewGuid();
        var session = "session-" + id.ToString("N");
        var watcher = await BattleWatcher.StartAsync(arena.Client, id);
        var battle = arena.Client.GetGrain<IBattleGrain>(id);
        await battle.StartAsync(new StartBattle(session, "Sort a list in Python.", "general"));
        return (id, session, battle, watcher);
    }
}
