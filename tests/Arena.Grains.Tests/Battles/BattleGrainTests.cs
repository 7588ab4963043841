using Arena.Battles;
using Arena.Ratings;
using Arena.Sessions;

namespace Arena.Grains.Tests.Battles;

[Collection(HealthyArenaCollection.Name)]
public sealed class BattleGrainTests(HealthyArenaFixture arena)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task StartAsync_TwoModels_BothSidesStreamTheWholeAnswerThenBattleDone()
    {
        var (id, watcher, battle) = await StartAndFinishAsync("Why is the sea salty?");
        await using var _ = watcher;

        var snapshot = await battle.GetAsync();
        Assert.Equal(BattleStatus.ReadyToVote, snapshot.Status);
        var turn = Assert.Single(snapshot.Turns);
        Assert.Equal("Why is the sea salty?", turn.Prompt);
        foreach (var (side, answer) in new[] { (Side.A, turn.A), (Side.B, turn.B) })
        {
            Assert.Equal(SideStatus.Done, answer.Status);
            Assert.NotEmpty(answer.Text);
            Assert.Equal(answer.Text, watcher.TextOf(side));
            Assert.True(answer.OutputTokens > 0);
            Assert.NotNull(answer.FinishReason);
        }

        // The two simulated models answer in different styles.
        Assert.NotEqual(turn.A.Text, turn.B.Text);

        var events = watcher.Events;
        Assert.Equal(BattleEventKind.BattleDone, events[^1].Kind);
        Assert.Single(events, e => e.Kind == BattleEventKind.SideDone && e.Side == Side.A);
        Assert.Single(events, e => e.Kind == BattleEventKind.SideDone && e.Side == Side.B);
        Assert.Null(snapshot.Reveal);
        Assert.Null(snapshot.Vote);
        Assert.NotEqual(Guid.Empty, id);
    }

    [Fact]
    public async Task VoteAsync_OwnerAfterBothDone_RevealsModelsAndCountsOnce()
    {
        var (id, watcher, battle) = await StartAndFinishAsync("Give me a tip for learning chess.");
        await using var _ = watcher;
        var before = await Standings();

        var reveal = await battle.VoteAsync(Session(id), BattleOutcome.A);

        Assert.Equal(BattleOutcome.A, reveal.Outcome);
        Assert.NotEqual(reveal.A.Model, reveal.B.Model);
        Assert.True(reveal.A.Delta > 0);
        Assert.Equal(0, reveal.A.Delta + reveal.B.Delta, 9);
        var after = await Standings();
        Assert.Equal(before.TotalVotes + 1, after.TotalVotes);
        Assert.Equal(Wins(before, reveal.A.Model) + 1, Wins(after, reveal.A.Model));
        Assert.Equal(reveal.A.Rating, after.Models.Single(m => m.Model == reveal.A.Model).Rating, 9);

        // A second vote, whatever its choice, is answered with the vote that counts, and counts nothing.
        Assert.Equal(reveal, await battle.VoteAsync(Session(id), BattleOutcome.B));
        Assert.Equal(after, await Standings(), StandingsComparer.Instance);

        var snapshot = await battle.GetAsync();
        Assert.Equal(BattleStatus.Voted, snapshot.Status);
        Assert.Equal(reveal, snapshot.Reveal);
    }

    [Fact]
    public async Task VoteAsync_AnotherSession_ForbiddenAndNothingChanges()
    {
        var (id, watcher, battle) = await StartAndFinishAsync("What is a good name for a cat?");
        await using var _ = watcher;
        var before = await Standings();

        var refused = await Assert.ThrowsAsync<ArenaException>(() => battle.VoteAsync("someone-else", BattleOutcome.A));

        Assert.Equal(ArenaErrorKind.Forbidden, refused.Kind);
        Assert.Equal(BattleStatus.ReadyToVote, (await battle.GetAsync()).Status);
        Assert.Equal(before, await Standings(), StandingsComparer.Instance);
        Assert.Equal(BattleOutcome.Tie, (await battle.VoteAsync(Session(id), BattleOutcome.Tie)).Outcome);
    }

    [Fact]
    public async Task RecordVoteAsync_SameBattleTwice_CountsOnce()
    {
        var leaderboard = arena.Client.GetGrain<ILeaderboardGrain>(0);
        var vote = new VoteRecord(Guid.NewGuid(), "sim-terse", "sim-chatty", BattleOutcome.BothBad, "general", DateTimeOffset.UtcNow);
        var before = await Standings();

        var first = await leaderboard.RecordVoteAsync(vote);
        var again = await leaderboard.RecordVoteAsync(vote);

        Assert.Equal(first, again);
        var after = await Standings();
        Assert.Equal(before.TotalVotes + 1, after.TotalVotes);
        Assert.Equal(Ties(before, "sim-terse") + 1, Ties(after, "sim-terse"));
    }

    [Fact]
    public async Task GetAsync_AfterDeactivation_StateSurvives()
    {
        var (id, watcher, battle) = await StartAndFinishAsync("Describe autumn in one paragraph.");
        await using var _ = watcher;
        var reveal = await battle.VoteAsync(Session(id), BattleOutcome.B);
        var before = await battle.GetAsync();

        await arena.Cluster.DeactivateAsync(battle);
        await arena.Cluster.DeactivateAsync(arena.Client.GetGrain<ILeaderboardGrain>(0));

        var after = await battle.GetAsync();
        Assert.Equal(BattleStatus.Voted, after.Status);
        Assert.Equal(before.Turns[0].A.Text, after.Turns[0].A.Text);
        Assert.Equal(before.Turns[0].B.Text, after.Turns[0].B.Text);
        Assert.Equal(reveal, after.Reveal);
        Assert.Equal(reveal, await battle.VoteAsync(Session(id), BattleOutcome.A));
        Assert.Contains((await Standings()).Models, m => m.Model == reveal.B.Model && m.Wins >= 1);
    }

    [Fact]
    public async Task RegenerateAsync_FinishedBattle_AnswersTheLastPromptAgainAsANewTurnThenVotable()
    {
        var (id, watcher, battle) = await StartAndFinishAsync("Suggest a name for a bakery.");
        await using var _ = watcher;
        var first = await battle.GetAsync();
        await using var again = await BattleWatcher.StartAsync(arena.Client, id);

        var regenerated = await battle.RegenerateAsync(Session(id));

        Assert.Equal(BattleStatus.Streaming, regenerated.Status);
        Assert.Equal(2, regenerated.Turns.Count);
        Assert.True(regenerated.Turns[0].Superseded);
        Assert.Equal(first.Turns[0].A.Text, regenerated.Turns[0].A.Text);
        Assert.Equal("Suggest a name for a bakery.", regenerated.Turns[1].Prompt);
        var busy = await Assert.ThrowsAsync<ArenaException>(() => battle.RegenerateAsync(Session(id)));
        Assert.Equal(ArenaErrorKind.Conflict, busy.Kind);

        await again.Done.WaitAsync(Patience);
        var done = await battle.GetAsync();
        Assert.Equal(BattleStatus.ReadyToVote, done.Status);
        Assert.Equal(done.Turns[1].A.Text, again.TextOf(Side.A, turn: 1));
        Assert.Equal(done.Turns[1].B.Text, again.TextOf(Side.B, turn: 1));
        Assert.DoesNotContain(again.Events, e => e.Turn == 0);
        Assert.Equal(BattleOutcome.B, (await battle.VoteAsync(Session(id), BattleOutcome.B)).Outcome);
        var voted = await Assert.ThrowsAsync<ArenaException>(() => battle.RegenerateAsync(Session(id)));
        Assert.Equal(ArenaErrorKind.Conflict, voted.Kind);
    }

    [Fact]
    public async Task RegenerateAsync_AnotherSession_ForbiddenAndNothingChanges()
    {
        var (id, watcher, battle) = await StartAndFinishAsync("Give me a fun fact.");
        await using var _ = watcher;

        var refused = await Assert.ThrowsAsync<ArenaException>(() => battle.RegenerateAsync("someone-else"));

        Assert.Equal(ArenaErrorKind.Forbidden, refused.Kind);
        var snapshot = await battle.GetAsync();
        Assert.Single(snapshot.Turns);
        Assert.Equal(BattleStatus.ReadyToVote, snapshot.Status);
    }

    [Fact]
    public async Task GetAsync_UnknownBattle_NotFound()
    {
        var error = await Assert.ThrowsAsync<ArenaException>(() => arena.Client.GetGrain<IBattleGrain>(Guid.NewGuid()).GetAsync());
        Assert.Equal(ArenaErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task VoteAsync_UnknownBattle_NotFound()
    {
        var error = await Assert.ThrowsAsync<ArenaException>(() => arena.Client.GetGrain<IBattleGrain>(Guid.NewGuid()).VoteAsync("s", BattleOutcome.A));
        Assert.Equal(ArenaErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task StartAsync_SameBattleTwice_Conflict()
    {
        var (id, watcher, battle) = await StartAndFinishAsync("Hello there!");
        await using var _ = watcher;

        var error = await Assert.ThrowsAsync<ArenaException>(() => battle.StartAsync(new StartBattle(Session(id), "Again", "general")));

        Assert.Equal(ArenaErrorKind.Conflict, error.Kind);
        Assert.Equal("Hello there!", Assert.Single((await battle.GetAsync()).Turns).Prompt);
    }

    [Fact]
    public async Task StartAsync_EmptyPrompt_InvalidAndNoBattle()
    {
        var battle = arena.Client.GetGrain<IBattleGrain>(Guid.NewGuid());

        var error = await Assert.ThrowsAsync<ArenaException>(() => battle.StartAsync(new StartBattle("s", "   ", "general")));

        Assert.Equal(ArenaErrorKind.Invalid, error.Kind);
        Assert.Equal(ArenaErrorKind.NotFound, (await Assert.ThrowsAsync<ArenaException>(battle.GetAsync)).Kind);
    }

    [Fact]
    public async Task AddBattleAsync_SessionHistory_NewestFirstWithoutDuplicates()
    {
        var session = arena.Client.GetGrain<ISessionGrain>("history-" + Guid.NewGuid());
        var older = new SessionBattle(Guid.NewGuid(), "first", DateTimeOffset.UtcNow);
        var newer = new SessionBattle(Guid.NewGuid(), "second", DateTimeOffset.UtcNow);

        await session.AddBattleAsync(older);
        await session.AddBattleAsync(newer);
        await session.AddBattleAsync(older);
        await arena.Cluster.DeactivateAsync(session);

        Assert.Equal([newer, older], await session.GetBattlesAsync());
    }

    private async Task<(Guid Id, BattleWatcher Watcher, IBattleGrain Battle)> StartAndFinishAsync(string prompt)
    {
        var id = Guid.NewGuid();
        var watcher = await BattleWatcher.StartAsync(arena.Client, id);
        var battle = arena.Client.GetGrain<IBattleGrain>(id);
        var started = await battle.StartAsync(new StartBattle(Session(id), prompt, "general"));
        Assert.Equal(BattleStatus.Streaming, started.Status);
        await watcher.Done.WaitAsync(Patience);
        return (id, watcher, battle);
    }

    private static string Session(Guid battleId) => "session-" + battleId.ToString("N");

    private Task<LeaderboardSnapshot> Standings() => arena.Client.GetGrain<ILeaderboardGrain>(0).GetAsync();

    private static int Wins(LeaderboardSnapshot board, string model) => board.Models.SingleOrDefault(m => m.Model == model)?.Wins ?? 0;

    private static int Ties(LeaderboardSnapshot board, string model) => board.Models.SingleOrDefault(m => m.Model == model)?.Ties ?? 0;
}
