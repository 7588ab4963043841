using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Arena.Web.Tests.Api;
using Arena.Web.Tests.Hosting;

namespace Arena.Web.Tests.Battles;

/// <summary>
/// A vote the battle recorded but the leaderboard did not confirm within <c>Arena:Ratings:RevealWait</c>
/// (here 0: never in time): 202 with the vote as recorded, then the battle shows the reveal, and a retry
/// answers with the vote that counts. Never a failure for a vote that counts.
/// </summary>
public sealed class VotePendingTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly ArenaHost _host = new(timeScale: 0.02, new Dictionary<string, string> { ["Arena:Ratings:RevealWait"] = "00:00:00" });

    public Task InitializeAsync() => _host.StartAsync();

    [Fact]
    public async Task Vote_LeaderboardSlowerThanTheRevealWait_Returns202ThenTheBattleShowsTheReveal()
    {
        var api = new ArenaApi(_host.Factory.CreateSessionClient());
        var (started, _) = await api.StartBattleAsync("Name a famous bridge.");
        Assert.Equal("ready_to_vote", (await api.WaitUntilFinishedAsync(started)).Status);

        using var response = await api.Http.PostAsJsonAsync($"/api/battles/{started.BattleId}/vote", new { winner = "b" });

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"The vote answered {(int)response.StatusCode}: {body}");
        Assert.Equal($"/api/battles/{started.BattleId}", response.Headers.Location?.OriginalString);
        var accepted = JsonNode.Parse(body)!;
        Assert.Equal("b", (string?)accepted["outcome"]);
        Assert.True((bool)accepted["pending"]!);
        Assert.Contains("recorded", (string?)accepted["detail"], StringComparison.Ordinal);

        var battle = await RevealedAsync(api, started.BattleId);
        Assert.Equal(("voted", "b"), (battle.Status, battle.Vote));
        var (leaderboard, _) = await api.GetLeaderboardAsync();
        Assert.Equal(1, leaderboard.Models.Single(m => m.Model == battle.Reveal!.B.Model).Wins);

        // A retry with another choice: 200 with the vote that counts, and nothing more counted.
        var (again, againBody) = await api.VoteAsync(started.BattleId, "a");
        Assert.Equal(battle.Reveal, again);
        Assert.Equal("b", (string?)JsonNode.Parse(againBody)!["outcome"]);
        Assert.Equal(leaderboard.Models, (await api.GetLeaderboardAsync()).Leaderboard.Models);
    }

    private static async Task<BattleView> RevealedAsync(ArenaApi api, string battleId)
    {
        using var deadline = new CancellationTokenSource(Patience);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (true)
        {
            var (battle, _) = await api.GetBattleAsync(battleId);
            if (battle.Reveal is not null)
            {
                return battle;
            }

            await timer.WaitForNextTickAsync(deadline.Token);
        }
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
