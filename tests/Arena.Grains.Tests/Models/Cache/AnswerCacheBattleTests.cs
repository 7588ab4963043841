using Arena.Battles;
using Arena.Grains.Tests.Battles;
using Arena.Models;
using Arena.Models.Cache;

namespace Arena.Grains.Tests.Models.Cache;

/// <summary>Battles on a cluster whose model <c>sim-cached</c> opts in to the answer cache and <c>sim-live</c> does not.</summary>
[Collection(CachedArenaCollection.Name)]
public sealed class AnswerCacheBattleTests(CachedArenaFixture arena)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task BlindBattle_SamePromptAgain_OptedInSideServedFromCacheOtherAskedAgain()
    {
        var prompt = "Why do cats purr? " + Guid.NewGuid().ToString("N");
        var first = await RunBattleAsync(prompt);
        var cachedBefore = await arena.RequestsServedAsync(CachedArenaFixture.Cached);
        var liveBefore = await arena.RequestsServedAsync(CachedArenaFixture.Live);
        var statsBefore = await Stats(CachedArenaFixture.Cached);

        var second = await RunBattleAsync(prompt);

        // Counted on VllmSim's own metrics: the opted-in model's server saw no new request; the other did.
        Assert.Equal(cachedBefore, await arena.RequestsServedAsync(CachedArenaFixture.Cached));
        Assert.True(await arena.RequestsServedAsync(CachedArenaFixture.Live) > liveBefore);
        Assert.Equal(first.TextOf(CachedArenaFixture.Cached), second.TextOf(CachedArenaFixture.Cached));
        var statsAfter = await Stats(CachedArenaFixture.Cached);
        Assert.Equal(statsBefore.CacheHits + 1, statsAfter.CacheHits);
        Assert.Equal(statsBefore.Requests, statsAfter.Requests);
        Assert.Equal(statsBefore.CacheSavedOutputTokens + first.OutputTokensOf(CachedArenaFixture.Cached), statsAfter.CacheSavedOutputTokens);
        Assert.True(statsAfter.CacheSavedInputTokens > statsBefore.CacheSavedInputTokens);
        Assert.Equal(0, (await Stats(CachedArenaFixture.Live)).CacheHits);
    }

    [Fact]
    public async Task BlindBattle_DifferentPrompt_Misses()
    {
        await RunBattleAsync("Name a river. " + Guid.NewGuid().ToString("N"));
        var before = await arena.RequestsServedAsync(CachedArenaFixture.Cached);

        await RunBattleAsync("Name a mountain. " + Guid.NewGuid().ToString("N"));

        Assert.True(await arena.RequestsServedAsync(CachedArenaFixture.Cached) > before);
    }

    [Fact]
    public async Task NamedBattle_NotConfigured_AlwaysAsksTheModel()
    {
        var prompt = "Suggest a name for a boat. " + Guid.NewGuid().ToString("N");
        await RunBattleAsync(prompt, named: true);
        var before = await arena.RequestsServedAsync(CachedArenaFixture.Cached);

        await RunBattleAsync(prompt, named: true);

        Assert.True(await arena.RequestsServedAsync(CachedArenaFixture.Cached) > before);
    }

    [Fact]
    public async Task Regenerate_AfterACachedTurn_AsksTheModelAgain()
    {
        var prompt = "Give me a tip for sleeping well. " + Guid.NewGuid().ToString("N");
        await RunBattleAsync(prompt);
        var id = Guid.NewGuid();
        var battle = arena.Client.GetGrain<IBattleGrain>(id);
        var watcher = await BattleWatcher.StartAsync(arena.Client, id, e => e.Kind == BattleEventKind.BattleDone && e.Turn == 1);
        await using var _ = watcher;
        var firstTurn = await BattleWatcher.StartAsync(arena.Client, id);
        await using var __ = firstTurn;
        await battle.StartAsync(new StartBattle(Session(id), prompt, "general"));
        await firstTurn.Done.WaitAsync(Patience);
        var before = await arena.RequestsServedAsync(CachedArenaFixture.Cached);

        await battle.RegenerateAsync(Session(id));
        await watcher.Done.WaitAsync(Patience);

        Assert.True(await arena.RequestsServedAsync(CachedArenaFixture.Cached) > before);
    }

    private Task<ReplicaStats> Stats(string model) => arena.Client.GetGrain<IModelGrain>(model).GetStatsAsync();

    private async Task<FinishedBattle> RunBattleAsync(string prompt, bool named = false)
    {
        var id = Guid.NewGuid();
        await using var watcher = await BattleWatcher.StartAsync(arena.Client, id);
        var battle = arena.Client.GetGrain<IBattleGrain>(id);
        await battle.StartAsync(named
            ? new StartBattle(Session(id), prompt, "general", CachedArenaFixture.Cached, CachedArenaFixture.Live)
            : new StartBattle(Session(id), prompt, "general"));
        await watcher.Done.WaitAsync(Patience);
        var snapshot = await battle.GetAsync();
        var turn = Assert.Single(snapshot.Turns);
        Assert.Equal(SideStatus.Done, turn.A.Status);
        Assert.Equal(SideStatus.Done, turn.B.Status);
        var reveal = named ? null : await battle.VoteAsync(Session(id), BattleOutcome.Tie);
        var modelA = reveal?.A.Model ?? CachedArenaFixture.Cached;
        return new FinishedBattle(modelA, turn.A, turn.B);
    }

    private static string Session(Guid battleId) => "session-" + battleId.ToString("N");

    private sealed record FinishedBattle(string ModelA, SideSnapshot A, SideSnapshot B)
    {
        public string TextOf(string model) => (model == ModelA ? A : B).Text;

        public int OutputTokensOf(string model) => (model == ModelA ? A : B).OutputTokens;
    }
}
