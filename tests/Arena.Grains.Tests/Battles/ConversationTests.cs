using Arena.Battles;
using Arena.Ratings;

namespace Arena.Grains.Tests.Battles;

[Collection(HealthyArenaCollection.Name)]
public sealed class ConversationTests(HealthyArenaFixture arena)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ContinueAsync_FinishedTurn_BothSidesAnswerTheFollowUpAndTheVoteCoversTheConversation()
    {
        var (id, battle) = await StartAndFinishAsync("Name a famous bridge.");
        await using var watcher = await BattleWatcher.StartAsync(arena.Client, id, e => e is { Kind: BattleEventKind.BattleDone, Turn: 1 });

        var continued = await battle.ContinueAsync(Session(id), "How long is it?");

        Assert.Equal(BattleStatus.Streaming, continued.Status);
        Assert.Equal(["Name a famous bridge.", "How long is it?"], continued.Turns.Select(t => t.Prompt));
        Assert.All(continued.Turns, t => Assert.False(t.Superseded));
        await watcher.Done.WaitAsync(Patience);
        var done = await battle.GetAsync();
        Assert.Equal(BattleStatus.ReadyToVote, done.Status);
        Assert.Equal(done.Turns[1].A.Text, watcher.TextOf(Side.A, turn: 1));
        Assert.Equal(done.Turns[1].B.Text, watcher.TextOf(Side.B, turn: 1));
        Assert.NotEmpty(done.Turns[1].A.Text);
        Assert.Equal(done.Turns[0], continued.Turns[0]);
        Assert.Null(done.ModelA);

        var reveal = await battle.VoteAsync(Session(id), BattleOutcome.Tie);
        Assert.True(reveal.Counted);
        var late = await Assert.ThrowsAsync<ArenaException>(() => battle.ContinueAsync(Session(id), "One more?"));
        Assert.Equal(ArenaErrorKind.Conflict, late.Kind);
        Assert.Equal(2, (await battle.GetAsync()).Turns.Count);
    }

    [Fact]
    public async Task ContinueAsync_RefusedRequests_SayWhyAndChangeNothing()
    {
        var (id, battle) = await StartAndFinishAsync("Say something nice.");
        var before = await battle.GetAsync();

        var stranger = await Assert.ThrowsAsync<ArenaException>(() => battle.ContinueAsync("someone-else", "Hi"));
        var empty = await Assert.ThrowsAsync<ArenaException>(() => battle.ContinueAsync(Session(id), "  "));
        var unknown = await Assert.ThrowsAsync<ArenaException>(() => arena.Client.GetGrain<IBattleGrain>(Guid.NewGuid()).ContinueAsync("s", "Hi"));

        Assert.Equal(ArenaErrorKind.Forbidden, stranger.Kind);
        Assert.Equal(ArenaErrorKind.Invalid, empty.Kind);
        Assert.Equal(ArenaErrorKind.NotFound, unknown.Kind);
        Assert.Equal(before.Turns, (await battle.GetAsync()).Turns);
    }

    [Fact]
    public async Task ContinueAsync_TurnLimitReached_InvalidAndNoNewTurn()
    {
        var (id, battle) = await StartAndFinishAsync("Count with me: 1");
        for (var turn = 1; turn < BattleRules.MaxTurns; turn++)
        {
            var done = turn;
            await using var watcher = await BattleWatcher.StartAsync(arena.Client, id, e => e.Kind == BattleEventKind.BattleDone && e.Turn == done);
            await battle.ContinueAsync(Session(id), $"{turn + 1}");
            await watcher.Done.WaitAsync(Patience);
        }

        var full = await Assert.ThrowsAsync<ArenaException>(() => battle.ContinueAsync(Session(id), "one more"));

        Assert.Equal(ArenaErrorKind.Invalid, full.Kind);
        Assert.Contains($"{BattleRules.MaxTurns} prompts", full.Message, StringComparison.Ordinal);
        Assert.Equal(BattleRules.MaxTurns, (await battle.GetAsync()).Turns.Count);
    }

    [Fact]
    public async Task StartAsync_NamedModels_ShownFromTheStartVoteKeptButNeverRated()
    {
        var id = Guid.NewGuid();
        await using var watcher = await BattleWatcher.StartAsync(arena.Client, id);
        var battle = arena.Client.GetGrain<IBattleGrain>(id);
        var leaderboard = arena.Client.GetGrain<ILeaderboardGrain>(0);

        var started = await battle.StartAsync(new StartBattle(Session(id), "Which is better, tea or coffee?", "general", "sim-chatty", "sim-terse"));

        Assert.Equal(BattleMode.Named, started.Mode);
        Assert.Equal(("sim-chatty", "sim-terse"), (started.ModelA, started.ModelB));
        Assert.Null(started.ShareUrl);
        await watcher.Done.WaitAsync(Patience);
        Assert.Null((await battle.GetAsync()).ShareUrl); // shared only when the owner says so
        Assert.Equal(BattleRules.SharePath(id), (await battle.ShareAsync(Session(id))).ShareUrl); // a named battle: once finished, before any vote
        var before = await leaderboard.GetAsync();

        var reveal = await battle.VoteAsync(Session(id), BattleOutcome.A);

        Assert.False(reveal.Counted);
        Assert.Equal("sim-chatty", reveal.A.Model);
        Assert.Equal(0, reveal.A.Delta);
        Assert.Equal(before, await leaderboard.GetAsync(), StandingsComparer.Instance);
        Assert.Equal(BattleStatus.Voted, (await battle.GetAsync()).Status);
    }

    [Theory]
    [InlineData("sim-chatty", null, "both models")]
    [InlineData("sim-chatty", "sim-chatty", "two different models")]
    [InlineData("sim-chatty", "gpt-nothing", "'gpt-nothing' is not a known model")]
    public async Task StartAsync_BadModelNames_InvalidWithTheValidListAndNoBattle(string? modelA, string? modelB, string expected)
    {
        var battle = arena.Client.GetGrain<IBattleGrain>(Guid.NewGuid());

        var error = await Assert.ThrowsAsync<ArenaException>(() => battle.StartAsync(new StartBattle("s", "Hi", "general", modelA, modelB)));

        Assert.Equal(ArenaErrorKind.Invalid, error.Kind);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("sim-terse", error.Message, StringComparison.Ordinal);
        Assert.Equal(ArenaErrorKind.NotFound, (await Assert.ThrowsAsync<ArenaException>(battle.GetAsync)).Kind);
    }

    [Fact]
    public async Task ShareAsync_AnonymousBattle_OnlyOnceVoted()
    {
        var (id, battle) = await StartAndFinishAsync("Recommend a book.");
        var finished = await battle.GetAsync();
        Assert.Null(finished.ShareUrl);
        Assert.Null(finished.ModelA);
        Assert.Equal(BattleMode.Anonymous, finished.Mode);
        Assert.Equal(ArenaErrorKind.Conflict, (await Assert.ThrowsAsync<ArenaException>(() => battle.ShareAsync(Session(id)))).Kind);
        Assert.Null((await battle.GetAsync()).ShareUrl);

        var reveal = await battle.VoteAsync(Session(id), BattleOutcome.B);

        Assert.Null((await battle.GetAsync()).ShareUrl);
        var voted = await battle.ShareAsync(Session(id));
        Assert.Equal(BattleRules.SharePath(id), voted.ShareUrl);
        Assert.Equal((reveal.A.Model, reveal.B.Model), (voted.ModelA, voted.ModelB));
    }

    [Fact]
    public async Task BattleStats_StartAndVote_CountedOnTheirDays()
    {
        var stats = arena.Client.GetGrain<IBattleStatsGrain>(0);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var before = await stats.GetAsync(today.AddDays(-1), today.AddDays(1));

        var (id, battle) = await StartAndFinishAsync("What is a haiku?");
        var started = await stats.GetAsync(today.AddDays(-1), today.AddDays(1));
        await battle.VoteAsync(Session(id), BattleOutcome.A);
        var voted = await stats.GetAsync(today.AddDays(-1), today.AddDays(1));

        var created = DateOnly.FromDateTime((await battle.GetAsync()).CreatedAt.UtcDateTime);
        var day = created.DayNumber - today.AddDays(-1).DayNumber;
        Assert.Equal(3, voted.Days.Count);
        Assert.Equal(before.TotalStarted + 1, started.TotalStarted);
        Assert.Equal(before.Days[day].Started + 1, started.Days[day].Started);
        Assert.Equal(before.Days[day].Votes, started.Days[day].Votes);
        Assert.Equal(before.TotalVoted + 1, voted.TotalVoted);
        Assert.Equal(started.Days[day].StartedAndVoted + 1, voted.Days[day].StartedAndVoted);

        // Counts survive the grain going away (it writes them when it deactivates).
        await arena.Cluster.DeactivateAsync(stats);
        Assert.Equal(voted.Days, (await stats.GetAsync(today.AddDays(-1), today.AddDays(1))).Days);
        var backwards = await Assert.ThrowsAsync<ArenaException>(() => stats.GetAsync(today, today.AddDays(-1)));
        Assert.Equal(ArenaErrorKind.Invalid, backwards.Kind);
    }

    private async Task<(Guid Id, IBattleGrain Battle)> StartAndFinishAsync(string prompt)
    {
        var id = Guid.NewGuid();
        await using var watcher = await BattleWatcher.StartAsync(arena.Client, id);
        var battle = arena.Client.GetGrain<IBattleGrain>(id);
        await battle.StartAsync(new StartBattle(Session(id), prompt, "general"));
        await watcher.Done.WaitAsync(Patience);
        return (id, battle);
    }

    private static string Session(Guid battleId) => "session-" + battleId.ToString("N");
}
