using Arena.Battles;
using Arena.Streams;

namespace Arena.Grains.Tests.Battles;

/// <summary>
/// A battle's events reach each watcher through an outbox of its own: a watcher that never answers or that fails holds
/// up neither the battle nor the other watchers, and one that fails is called no more.
/// </summary>
[Collection(HealthyArenaCollection.Name)]
public sealed class WatcherIsolationTests(HealthyArenaFixture arena)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Battle_WithAStuckAndAFailingWatcher_StreamsToTheOthers_AndTheFailingOneIsCalledOnce()
    {
        var id = Guid.NewGuid();
        var watchers = arena.Client.GetGrain<IEventWatchersGrain<BattleEvent>>(id);
        var stuck = new StuckWatcher();
        var failing = new FailingWatcher();
        var stuckReference = arena.Client.CreateObjectReference<IEventObserver<BattleEvent>>(stuck);
        var failingReference = arena.Client.CreateObjectReference<IEventObserver<BattleEvent>>(failing);
        await watchers.WatchAsync(stuckReference);
        await watchers.WatchAsync(failingReference);
        await using var healthy = await BattleWatcher.StartAsync(arena.Client, id);

        var battle = arena.Client.GetGrain<IBattleGrain>(id);
        await battle.StartAsync(new StartBattle("session-" + id.ToString("N"), "Why do cats purr?", "general"));

        // Each of the stuck watcher's calls would wait for Orleans' response timeout (30 s) if the battle waited for it.
        await healthy.Done.WaitAsync(Patience);
        var snapshot = await battle.GetAsync();
        Assert.Equal(BattleStatus.ReadyToVote, snapshot.Status);
        Assert.Equal(snapshot.Turns[0].A.Text, healthy.TextOf(Side.A));
        Assert.Equal(snapshot.Turns[0].B.Text, healthy.TextOf(Side.B));
        Assert.Equal(1, stuck.Calls);
        Assert.Equal(1, failing.Calls);

        await watchers.UnwatchAsync(stuckReference);
        arena.Client.DeleteObjectReference<IEventObserver<BattleEvent>>(stuckReference);
        arena.Client.DeleteObjectReference<IEventObserver<BattleEvent>>(failingReference);
    }

    /// <summary>Takes its first call and never answers it.</summary>
    private sealed class StuckWatcher : IEventObserver<BattleEvent>
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Task OnEventsAsync(BattleEvent[] events)
        {
            Interlocked.Increment(ref _calls);
            return new TaskCompletionSource().Task;
        }
    }

    /// <summary>Fails every call, as a watcher whose host has gone does.</summary>
    private sealed class FailingWatcher : IEventObserver<BattleEvent>
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Task OnEventsAsync(BattleEvent[] events)
        {
            Interlocked.Increment(ref _calls);
            throw new InvalidOperationException("This watcher's host has gone.");
        }
    }
}
