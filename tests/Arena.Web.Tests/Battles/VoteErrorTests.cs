using System.Net;
using System.Text.Json.Nodes;
using Arena.Web.Tests.Api;
using Arena.Web.Tests.Hosting;

namespace Arena.Web.Tests.Battles;

/// <summary>Refused votes and reads: a ProblemDetails with a clear detail, and nothing changed.</summary>
[Collection(ArenaCollection.Name)]
public sealed class VoteErrorTests(ArenaFixture fixture)
{
    [Theory]
    [InlineData("""{"winner": "c"}""")]
    [InlineData("""{"winner": "left"}""")]
    [InlineData("""{"winner": ""}""")]
    [InlineData("""{}""")]
    [InlineData("""{"winner": 1}""")]
    [InlineData("""{"winner": "a" """)]
    public async Task Vote_UnknownWinnerOrMalformedBody_Returns400AndChangesNothing(string body)
    {
        var (api, battleId) = await FinishedBattleAsync();
        var state = await StateAsync(api, battleId);

        await ArenaApi.ExpectProblemAsync(api.PostJsonAsync($"/api/battles/{battleId}/vote", body), HttpStatusCode.BadRequest);

        Assert.Equal(state, await StateAsync(api, battleId));
        var (reveal, _) = await api.VoteAsync(battleId, "tie");
        Assert.Equal(0, reveal.A.Delta + reveal.B.Delta, precision: 6);
    }

    [Fact]
    public async Task Vote_OtherSession_Returns403AndOwnerCanStillVote()
    {
        var (owner, battleId) = await FinishedBattleAsync();
        var stranger = new ArenaApi(fixture.Factory.CreateSessionClient());
        var state = await StateAsync(owner, battleId);

        var problem = await ArenaApi.ExpectProblemAsync(stranger.PostJsonAsync($"/api/battles/{battleId}/vote", """{"winner": "a"}"""), HttpStatusCode.Forbidden);

        Assert.Contains("session", problem.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(state, await StateAsync(owner, battleId));
        var (reveal, _) = await owner.VoteAsync(battleId, "b");
        var (battle, _) = await owner.GetBattleAsync(battleId);
        Assert.Equal(("voted", "b", reveal), (battle.Status, battle.Vote, battle.Reveal));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("b")]
    public async Task Vote_Twice_AnswersTheFirstRevealAndCountsOnce(string secondWinner)
    {
        var (api, battleId) = await FinishedBattleAsync();
        var (before, _) = await api.GetLeaderboardAsync();
        var (reveal, _) = await api.VoteAsync(battleId, "a");
        var state = await StateAsync(api, battleId);

        // A retry (a lost answer, a double click), whatever its choice, is answered with the vote that counts.
        var (again, _) = await api.VoteAsync(battleId, secondWinner);

        Assert.Equal(reveal, again);
        Assert.Equal(state, await StateAsync(api, battleId));
        var (after, _) = await api.GetLeaderboardAsync();
        Assert.Equal(Votes(before, reveal.A.Model) + 1, Votes(after, reveal.A.Model));
        Assert.Equal(Votes(before, reveal.B.Model) + 1, Votes(after, reveal.B.Model));
        var (battle, _) = await api.GetBattleAsync(battleId);
        Assert.Equal(("a", reveal), (battle.Vote, battle.Reveal));
    }

    [Fact]
    public async Task Vote_UnknownBattle_Returns404AndChangesNothing()
    {
        var api = new ArenaApi(fixture.Factory.CreateSessionClient());
        var battleId = Guid.NewGuid().ToString();
        var (_, leaderboard) = await api.GetLeaderboardAsync();

        var problem = await ArenaApi.ExpectProblemAsync(api.PostJsonAsync($"/api/battles/{battleId}/vote", """{"winner": "a"}"""), HttpStatusCode.NotFound);

        Assert.Contains(battleId, problem.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(leaderboard, (await api.GetLeaderboardAsync()).Body);
        await ArenaApi.ExpectProblemAsync(api.Http.GetAsync($"/api/battles/{battleId}"), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/events")]
    public async Task Get_UnknownBattle_Returns404(string suffix)
    {
        var api = new ArenaApi(fixture.Factory.CreateSessionClient());
        var battleId = Guid.NewGuid().ToString();

        var problem = await ArenaApi.ExpectProblemAsync(api.Http.GetAsync($"/api/battles/{battleId}{suffix}"), HttpStatusCode.NotFound);

        Assert.Contains(battleId, problem.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("GET", "/api/battles/not-a-guid")]
    [InlineData("GET", "/api/battles/not-a-guid/events")]
    [InlineData("POST", "/api/battles/not-a-guid/vote")]
    [InlineData("GET", "/api/battles/12345")]
    public async Task AnyBattleRoute_NonGuidId_Returns404AndChangesNothing(string method, string path)
    {
        var api = new ArenaApi(fixture.Factory.CreateSessionClient());
        var leaderboard = await LeaderboardAsync(api);
        var request = method == "GET" ? api.Http.GetAsync(path) : api.PostJsonAsync(path, """{"winner": "a"}""");

        var problem = await ArenaApi.ExpectProblemAsync(request, HttpStatusCode.NotFound);

        Assert.Contains("no battle", problem.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(leaderboard, await LeaderboardAsync(api));
    }

    private static int Votes(LeaderboardView leaderboard, string model) =>
        leaderboard.Models.SingleOrDefault(m => m.Model == model)?.Votes ?? 0;

    /// <summary>
    /// Everything a refused vote could change, as raw JSON: the battle, and the leaderboard's counts and Elo ratings.
    /// Left out is the battle's category, which the classifier files after the start, whenever it answers.
    /// </summary>
    private static async Task<(string Battle, string Leaderboard)> StateAsync(ArenaApi api, string battleId)
    {
        var battle = JsonNode.Parse((await api.GetBattleAsync(battleId)).Body)!.AsObject();
        battle.Remove("category");
        return (battle.ToJsonString(), await LeaderboardAsync(api));
    }

    /// <summary>
    /// The leaderboard's counts and Elo ratings as raw JSON. Left out is the Bradley–Terry part, which a debounced
    /// recompute after earlier votes (of any test) rewrites by itself meanwhile.
    /// </summary>
    private static async Task<string> LeaderboardAsync(ArenaApi api)
    {
        var board = JsonNode.Parse((await api.GetLeaderboardAsync()).Body)!.AsObject();
        board.Remove("computed_at");
        board.Remove("computed_from_votes");
        foreach (var row in board["models"]!.AsArray().Select(m => m!.AsObject()))
        {
            foreach (var recomputed in new[] { "bt", "bt_lower", "bt_upper", "rank_ub", "provisional" })
            {
                row.Remove(recomputed);
            }
        }

        return board.ToJsonString();
    }

    private async Task<(ArenaApi Api, string BattleId)> FinishedBattleAsync()
    {
        var api = new ArenaApi(fixture.Factory.CreateSessionClient());
        var (started, _) = await api.StartBattleAsync("Write a haiku about version control.");
        var battle = await api.WaitUntilFinishedAsync(started);
        Assert.Equal("ready_to_vote", battle.Status);
        return (api, started.BattleId);
    }
}
