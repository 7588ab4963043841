using Arena.Battles;
using VllmSim;

namespace Arena.Grains.Tests.Battles;

/// <summary>
/// A battle whose model grain cannot be reached for a moment, as right after a silo dies while its grains are still
/// in the cluster's directory: the side is tried again after a pause, and answers once the model can be reached.
/// </summary>
[Collection(UnreachedArenaCollection.Name)]
public sealed class UnreachedModelTests(UnreachedArenaFixture arena)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task StartAsync_ModelUnreachedForItsFirstCalls_SidesAreTriedAgainAndBothAnswer()
    {
        // More failed calls than the two attempts a side used to have, fewer than its pauses fit in their window.
        UnreachedModelFilter.FailNext(4);
        try
        {
            var (battle, watcher) = await StartAndFinishAsync("Why is the sky blue?");
            await using var _ = watcher;

            Assert.Equal(0, UnreachedModelFilter.Left);
            var snapshot = await battle.GetAsync();
            Assert.Equal(BattleStatus.ReadyToVote, snapshot.Status);
            Assert.All([snapshot.Turns[0].A, snapshot.Turns[0].B], answer =>
            {
                Assert.Equal(SideStatus.Done, answer.Status);
                Assert.Null(answer.Error);
                Assert.NotEmpty(answer.Text);
            });
            Assert.DoesNotContain(watcher.Events, e => e.Kind == BattleEventKind.SideError);
        }
        finally
        {
            UnreachedModelFilter.FailNext(0);
        }
    }

    [Fact]
    public async Task StartAsync_ModelNeverReached_EachSideEndsWithItsErrorWithinTheRetryWindow()
    {
        UnreachedModelFilter.FailNext(int.MaxValue);
        try
        {
            var (battle, watcher) = await StartAndFinishAsync("What is a prime number?");
            await using var _ = watcher;

            var snapshot = await battle.GetAsync();
            Assert.Equal(BattleStatus.Failed, snapshot.Status);
            Assert.All([snapshot.Turns[0].A, snapshot.Turns[0].B], answer =>
            {
                Assert.Equal(SideStatus.Failed, answer.Status);
                Assert.Equal("The assistant could not be reached. Start a new round.", answer.Error);
                Assert.Empty(answer.Text);
            });

            // Tried again with pauses, not once and not endlessly.
            Assert.InRange(int.MaxValue - UnreachedModelFilter.Left, 6, 40);
        }
        finally
        {
            UnreachedModelFilter.FailNext(0);
        }
    }

    [Fact]
    public async Task StartAsync_ModelGrainRefusesTheCall_EachSideIsAskedOnceMoreOnly()
    {
        // The model grain's own refusal is a decision, not the way to it failing: no pauses, one more try.
        UnreachedModelFilter.FailNext(int.MaxValue, refuse: true);
        try
        {
            var (battle, watcher) = await StartAndFinishAsync("What is the tallest mountain?");
            await using var _ = watcher;

            var snapshot = await battle.GetAsync();
            Assert.Equal(BattleStatus.Failed, snapshot.Status);
            Assert.Equal(4, int.MaxValue - UnreachedModelFilter.Left);
        }
        finally
        {
            UnreachedModelFilter.FailNext(0);
        }
    }

    private async Task<(IBattleGrain Battle, BattleWatcher Watcher)> StartAndFinishAsync(string prompt)
    {
        var id = Guid.NewGuid();
        var watcher = await BattleWatcher.StartAsync(arena.Client, id);
        var battle = arena.Client.GetGrain<IBattleGrain>(id);
        await battle.StartAsync(new StartBattle("session-" + id.ToString("N"), prompt, "general"));
        await watcher.Done.WaitAsync(Patience);
        return (battle, watcher);
    }
}

/// <summary>
/// Fails the next calls that start a model's answer: with <see cref="SiloUnavailableException"/>, as Orleans does for a
/// message to a silo that died, or with the model grain's own refusal (<see cref="ArenaException"/>). Below the battle
/// grain, which is what the tests are about.
/// </summary>
public sealed class UnreachedModelFilter : IOutgoingGrainCallFilter
{
    private static int _left;
    private static volatile bool _refuse;

    public static int Left => Volatile.Read(ref _left);

    public static void FailNext(int calls, bool refuse = false)
    {
        _refuse = refuse;
        Volatile.Write(ref _left, calls);
    }

    public Task Invoke(IOutgoingGrainCallContext context)
    {
        if (context.TargetId.Type.ToString() == "model"
            && context.MethodName.StartsWith("StartEnumeration", StringComparison.Ordinal)
            && TakeOne())
        {
            throw _refuse
                ? ArenaException.Unavailable("This model refuses answers for now.")
                : new SiloUnavailableException($"The target silo became unavailable for a call to {context.TargetId}");
        }

        return context.Invoke();
    }

    /// <summary>Counts one failure down, if any are left.</summary>
    private static bool TakeOne()
    {
        int left;
        do
        {
            left = Volatile.Read(ref _left);
            if (left <= 0)
            {
                return false;
            }
        }
        while (Interlocked.CompareExchange(ref _left, left - 1, left) != left);
        return true;
    }
}

/// <summary>Two healthy models whose grain calls <see cref="UnreachedModelFilter"/> can refuse.</summary>
public sealed class UnreachedArenaFixture : ArenaClusterFixture
{
    protected override List<SimModelOptions> Models() =>
    [
        new() { Id = "sim-terse", Style = AnswerStyles.Terse, MaxTokens = 50 },
        new() { Id = "sim-chatty", Style = AnswerStyles.Chatty, MaxTokens = 50 },
    ];

    protected override void ConfigureSilo(ISiloBuilder silo) => silo.AddOutgoingGrainCallFilter<UnreachedModelFilter>();
}

[CollectionDefinition(Name)]
public sealed class UnreachedArenaCollection : ICollectionFixture<UnreachedArenaFixture>
{
    public const string Name = "unreached arena";
}
