using Arena.Web.Tests.Api;

namespace Arena.Web.Tests.Hosting;

/// <summary>Stopping Arena and starting it again on the same SQLite file.</summary>
public sealed class RestartPersistenceTests : IAsyncLifetime
{
    private readonly ArenaHost _host = new(timeScale: 0.02);

    public Task InitializeAsync() => _host.StartAsync();

    [Fact]
    public async Task Restart_AfterVote_KeepsLeaderboardBattleAndReveal()
    {
        var sessionId = Guid.NewGuid().ToString("N");
        var api = new ArenaApi(_host.Factory.CreateSessionClient(sessionId));
        var (started, _) = await api.StartBattleAsync("Name three prime numbers.");
        var finished = await api.WaitUntilFinishedAsync(started);
        var (reveal, _) = await api.VoteAsync(started.BattleId, "b");
        var (leaderboard, _) = await api.GetLeaderboardAsync();

        await _host.StopAsync();
        await _host.StartAsync();
        var restarted = new ArenaApi(_host.Factory.CreateSessionClient(sessionId));

        var (battle, _) = await restarted.GetBattleAsync(started.BattleId);
        Assert.Equal(("voted", "b", reveal), (battle.Status, battle.Vote, battle.Reveal));
        var turn = Assert.Single(battle.Turns);
        Assert.Equal((finished.Turns[0].A.Text, finished.Turns[0].B.Text), (turn.A.Text, turn.B.Text));

        var (after, _) = await restarted.GetLeaderboardAsync();
        Assert.Equal(leaderboard.Models, after.Models);
        var a = Assert.Single(after.Models, m => m.Model == reveal.A.Model);
        var b = Assert.Single(after.Models, m => m.Model == reveal.B.Model);
        Assert.Equal((1, 0, 1, 0, reveal.A.Rating), (a.Votes, a.Wins, a.Losses, a.Ties, a.Rating));
        Assert.Equal((1, 1, 0, 0, reveal.B.Rating), (b.Votes, b.Wins, b.Losses, b.Ties, b.Rating));

        // The stored vote still counts once: voting again after the restart answers with it and counts nothing.
        Assert.Equal(reveal, (await restarted.VoteAsync(started.BattleId, "a")).Reveal);
        Assert.Equal(leaderboard.Models, (await restarted.GetLeaderboardAsync()).Leaderboard.Models);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
