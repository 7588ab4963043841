using Arena.Web.Tests.Api;
using Arena.Web.Tests.Hosting;

namespace Arena.Web.Tests.Battles;

/// <summary>A battle from start to reveal, as a client sees it over HTTP and SSE.</summary>
[Collection(ArenaCollection.Name)]
public sealed class BattleFlowTests(ArenaFixture fixture)
{
    private const string Prompt = "Explain how a hash map works.";

    [Fact]
    public async Task StartWatchVote_FullBattle_StreamsRevealsAndRanksBothModels()
    {
        var api = new ArenaApi(fixture.Factory.CreateSessionClient());
        var (before, _) = await api.GetLeaderboardAsync();

        var (started, startBody) = await api.StartBattleAsync(Prompt);
        Assert.Equal($"/api/battles/{started.BattleId}/events", started.Events);
        var events = await api.ReadEventsAsync(started.Events);
        var (battle, battleBody) = await api.GetBattleAsync(started.BattleId);
        var historyBody = await api.Http.GetStringAsync("/api/sessions/me/battles");

        // The stream: each side's tokens make exactly its final text, one side_done each, battle_done last.
        Assert.Equal("ready_to_vote", battle.Status);
        var turn = Assert.Single(battle.Turns);
        Assert.Equal(Prompt, turn.Prompt);
        Assert.Equal(("done", "done"), (turn.A.Status, turn.B.Status));
        Assert.NotEmpty(turn.A.Text);
        Assert.NotEmpty(turn.B.Text);
        Assert.Equal(turn.A.Text, SseEvents.TextOf(events, "a"));
        Assert.Equal(turn.B.Text, SseEvents.TextOf(events, "b"));
        Assert.DoesNotContain(events, e => e.Type is not ("token" or "side_done" or "battle_done"));
        Assert.Single(events, e => SseEvents.IsSideDone(e, "a"));
        Assert.Single(events, e => SseEvents.IsSideDone(e, "b"));
        Assert.Single(events, e => e.Type == "battle_done");
        Assert.Equal("battle_done", events[^1].Type);
        Assert.True(SseEvents.LastIndexOfToken(events, "a") < events.FindIndex(e => SseEvents.IsSideDone(e, "a")), "A token of side a came after its side_done.");
        Assert.True(SseEvents.LastIndexOfToken(events, "b") < events.FindIndex(e => SseEvents.IsSideDone(e, "b")), "A token of side b came after its side_done.");
        Assert.Null(battle.Vote);
        Assert.Null(battle.Reveal);

        var (reveal, _) = await api.VoteAsync(started.BattleId, "a");

        // The reveal: two different arena models; A won, so A gains what B loses.
        var arenaModels = (await api.GetModelsAsync()).Models.Where(m => m.InArena).Select(m => m.Id).ToArray();
        Assert.NotEqual(reveal.A.Model, reveal.B.Model);
        Assert.Contains(reveal.A.Model, arenaModels);
        Assert.Contains(reveal.B.Model, arenaModels);
        Assert.True(reveal.A.Delta > 0, $"The winner's rating moved by {reveal.A.Delta}.");
        Assert.True(reveal.B.Delta < 0, $"The loser's rating moved by {reveal.B.Delta}.");
        Assert.Equal(0, reveal.A.Delta + reveal.B.Delta, precision: 6);

        // The models of this battle reached the client only with the vote.
        var preVote = new[] { startBody, battleBody, historyBody }.Concat(events.Select(e => e.Data)).ToArray();
        foreach (var model in new[] { reveal.A.Model, reveal.B.Model })
        {
            Assert.DoesNotContain(preVote, payload => payload.Contains(model, StringComparison.OrdinalIgnoreCase));
        }

        var (voted, _) = await api.GetBattleAsync(started.BattleId);
        Assert.Equal(("voted", "a"), (voted.Status, voted.Vote));
        Assert.Equal(reveal, voted.Reveal);

        // The leaderboard counted the vote once: a win for A, a loss for B, at the revealed ratings.
        var (after, _) = await api.GetLeaderboardAsync();
        AssertStandingMoved(before, after, reveal.A, wins: 1, losses: 0);
        AssertStandingMoved(before, after, reveal.B, wins: 0, losses: 1);
    }

    [Fact]
    public async Task Events_SubscribedAfterBattleFinished_ReplaysWholeTextAndDoneEventsOnce()
    {
        var sessionId = Guid.NewGuid().ToString("N");
        var api = new ArenaApi(fixture.Factory.CreateSessionClient(sessionId));
        var (started, _) = await api.StartBattleAsync(Prompt);
        var battle = await api.WaitUntilFinishedAsync(started);

        // The owner joins late from another client (only the owner may read an unshared battle): it gets the
        // text so far (all of it) and the done events, once.
        var late = await new ArenaApi(fixture.Factory.CreateSessionClient(sessionId)).ReadEventsAsync(started.Events);

        var turn = Assert.Single(battle.Turns);
        Assert.NotEmpty(turn.A.Text);
        Assert.Equal(turn.A.Text, SseEvents.TextOf(late, "a"));
        Assert.Equal(turn.B.Text, SseEvents.TextOf(late, "b"));
        Assert.Single(late, e => SseEvents.IsSideDone(e, "a"));
        Assert.Single(late, e => SseEvents.IsSideDone(e, "b"));
        Assert.Single(late, e => e.Type == "battle_done");
        Assert.Equal("battle_done", late[^1].Type);
    }

    private static void AssertStandingMoved(LeaderboardView before, LeaderboardView after, RatingView change, int wins, int losses)
    {
        var was = before.Models.SingleOrDefault(m => m.Model == change.Model) ?? new StandingView(change.Model, change.Rating - change.Delta, 0, 0, 0, 0);
        var now = Assert.Single(after.Models, m => m.Model == change.Model);
        Assert.Equal(was.Votes + 1, now.Votes);
        Assert.Equal((was.Wins + wins, was.Losses + losses, was.Ties), (now.Wins, now.Losses, now.Ties));
        Assert.Equal(change.Rating, now.Rating, precision: 6);
        Assert.Equal(was.Rating + change.Delta, now.Rating, precision: 6);
    }
}
