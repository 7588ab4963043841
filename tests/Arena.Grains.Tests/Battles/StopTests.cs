using Arena.Battles;
using Arena.Ratings;

namespace Arena.Grains.Tests.Battles;

[Collection(StoppableArenaCollection.Name)]
public sealed class StopTests(StoppableArenaFixture arena)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task StopAsync_BothSidesWriting_ModelCallsClosedSidesKeepTheirTextAndTheBattleIsVotable()
    {
        var (id, battle, watcher) = await StartNamedAsync(StoppableArenaFixture.TrickleA, StoppableArenaFixture.TrickleB, BothSidesWrote);
        await using var _ = watcher;
        await watcher.Done.WaitAsync(Patience);
        Assert.True(await arena.RunningRequestsAsync() > 0, "the simulator should be answering both sides now");

        var stopped = await battle.StopAsync(Session(id));

        Assert.Equal(BattleStatus.ReadyToVote, stopped.Status);
        foreach (var side in new[] { stopped.Turns[0].A, stopped.Turns[0].B })
        {
            Assert.Equal(SideStatus.Done, side.Status);
            Assert.Equal(BattleRules.StoppedReason, side.FinishReason);
            Assert.True(side.Stopped);
            Assert.NotEmpty(side.Text);
            Assert.Null(side.Error);
        }

        Assert.True(await arena.DrainedAsync(Patience), "the HTTP streams to the simulator should have been closed");
        // Nothing more arrives after the stop: the transcript stays as it was.
        Assert.Equal(stopped.Turns[0], (await battle.GetAsync()).Turns[0]);
        var reveal = await battle.VoteAsync(Session(id), BattleOutcome.A);
        Assert.Equal(StoppableArenaFixture.TrickleA, reveal.A.Model);
    }

    [Fact]
    public async Task StopAsync_SideWithoutText_CannotBeVotedButCanBeRegenerated()
    {
        var (id, battle, watcher) = await StartNamedAsync(StoppableArenaFixture.TrickleA, StoppableArenaFixture.Silent, e => e is { Kind: BattleEventKind.Token, Side: Side.A });
        await using var _ = watcher;
        await watcher.Done.WaitAsync(Patience);

        var stopped = await battle.StopAsync(Session(id));

        Assert.Equal(BattleStatus.Failed, stopped.Status);
        Assert.True(stopped.Turns[0].A.Stopped);
        Assert.NotEmpty(stopped.Turns[0].A.Text);
        Assert.True(stopped.Turns[0].B.Stopped);
        Assert.Empty(stopped.Turns[0].B.Text);
        Assert.True(await arena.DrainedAsync(Patience), "the HTTP streams to the simulator should have been closed");

        var vote = await Assert.ThrowsAsync<ArenaException>(() => battle.VoteAsync(Session(id), BattleOutcome.A));
        Assert.Equal(ArenaErrorKind.Conflict, vote.Kind);
        Assert.Contains("stopped before it wrote anything", vote.Message, StringComparison.Ordinal);
        var more = await Assert.ThrowsAsync<ArenaException>(() => battle.ContinueAsync(Session(id), "And then?"));
        Assert.Equal(ArenaErrorKind.Conflict, more.Kind);
        Assert.Contains("regenerate", more.Message, StringComparison.Ordinal);

        var regenerated = await battle.RegenerateAsync(Session(id));
        Assert.Equal(BattleStatus.Streaming, regenerated.Status);
        Assert.Equal(2, regenerated.Turns.Count);
        var again = await battle.StopAsync(Session(id));
        Assert.True(again.Turns[1].B.Stopped);
        Assert.True(await arena.DrainedAsync(Patience));
    }

    [Fact]
    public async Task StopAsync_NothingRunningOrAnotherSession_NoOpOrForbidden()
    {
        var (id, battle, watcher) = await StartNamedAsync(StoppableArenaFixture.TrickleA, StoppableArenaFixture.TrickleB, BothSidesWrote);
        await using var _ = watcher;
        await watcher.Done.WaitAsync(Patience);

        var refused = await Assert.ThrowsAsync<ArenaException>(() => battle.StopAsync("someone-else"));
        Assert.Equal(ArenaErrorKind.Forbidden, refused.Kind);
        Assert.Equal(BattleStatus.Streaming, (await battle.GetAsync()).Status);

        var first = await battle.StopAsync(Session(id));
        var second = await battle.StopAsync(Session(id));

        Assert.Equal(first.Status, second.Status);
        Assert.Equal(first.Turns[0], second.Turns[0]);
        var unknown = await Assert.ThrowsAsync<ArenaException>(() => arena.Client.GetGrain<IBattleGrain>(Guid.NewGuid()).StopAsync("s"));
        Assert.Equal(ArenaErrorKind.NotFound, unknown.Kind);
        Assert.True(await arena.DrainedAsync(Patience));
    }

    [Fact]
    public async Task ContinueAsync_WhileStreaming_ConflictThenAfterStopAFollowUpRuns()
    {
        var (id, battle, watcher) = await StartNamedAsync(StoppableArenaFixture.TrickleA, StoppableArenaFixture.TrickleB, BothSidesWrote);
        await using var _ = watcher;
        await watcher.Done.WaitAsync(Patience);

        var busy = await Assert.ThrowsAsync<ArenaException>(() => battle.ContinueAsync(Session(id), "More please."));
        Assert.Equal(ArenaErrorKind.Conflict, busy.Kind);
        Assert.Single((await battle.GetAsync()).Turns);

        await battle.StopAsync(Session(id));
        var next = await battle.ContinueAsync(Session(id), "More please.");

        Assert.Equal(2, next.Turns.Count);
        Assert.Equal(BattleStatus.Streaming, next.Status);
        Assert.Equal("More please.", next.Turns[1].Prompt);
        await battle.StopAsync(Session(id));
        Assert.True(await arena.DrainedAsync(Patience));
    }

    private static Func<BattleEvent, bool> BothSidesWrote
    {
        get
        {
            var wrote = new HashSet<Side>();
            return e =>
            {
                lock (wrote)
                {
                    if (e is { Kind: BattleEventKind.Token, Side: { } side })
                    {
                        wrote.Add(side);
                    }

                    return wrote.Count == 2;
                }
            };
        }
    }

    private async Task<(Guid Id, IBattleGrain Battle, BattleWatcher Watcher)> StartNamedAsync(string modelA, string modelB, Func<BattleEvent, bool> until)
    {
        var id = Guid.NewGuid();
        var watcher = await BattleWatcher.StartAsync(arena.Client, id, until);
        var battle = arena.Client.GetGrain<IBattleGrain>(id);
        var started = await battle.StartAsync(new StartBattle(Session(id), "Tell me about the history of tea.", "general", modelA, modelB));
        Assert.Equal(BattleMode.Named, started.Mode);
        return (id, battle, watcher);
    }

    private static string Session(Guid battleId) => "session-" + battleId.ToString("N");
}
