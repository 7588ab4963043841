using System.Text.Json;
using Arena.Assistant;
using Arena.Battles;
using Arena.Ratings;
using Microsoft.Extensions.DependencyInjection;

namespace Arena.Grains.Tests.Assistant;

/// <summary>The arena tools' results, checked against the leaderboard after votes the test records itself.</summary>
[Collection(AssistantCollection.Name)]
public sealed class ArenaToolsTests(AssistantFixture fixture)
{
    private const string A = AssistantClusterFixture.ModelA;
    private const string B = AssistantClusterFixture.ModelB;

    private static readonly ToolContext Context = new("tools-test", []);

    private ILeaderboardGrain Leaderboard => fixture.Client.GetGrain<ILeaderboardGrain>(0);

    [Fact]
    public async Task ArenaTools_AfterKnownVotes_ReportWhatTheLeaderboardHolds()
    {
        var before = await Leaderboard.GetAsync("math");
        var (winsBefore, tiesBefore) = HeadToHead(await Leaderboard.GetMatrixAsync());
        var beforeWins = before.Models.FirstOrDefault(m => m.Model == A)?.Wins ?? 0;
        await VoteAsync(BattleOutcome.A, "math");
        await VoteAsync(BattleOutcome.A, "math");
        await VoteAsync(BattleOutcome.Tie, "math");
        await VoteAsync(BattleOutcome.B, "coding");

        var overall = await Leaderboard.GetAsync();
        var math = await Leaderboard.GetAsync("math");
        var matrix = await Leaderboard.GetMatrixAsync();

        using (var board = await InvokeAsync("get_leaderboard", "{}"))
        {
            var models = board.RootElement.GetProperty("models").EnumerateArray().ToArray();
            Assert.Equal(overall.TotalVotes, board.RootElement.GetProperty("total_votes").GetInt64());
            Assert.Equal(overall.Models.Select(m => m.Model), models.Select(m => m.GetProperty("model").GetString()));
            for (var i = 0; i < models.Length; i++)
            {
                Assert.Equal(i + 1, models[i].GetProperty("rank").GetInt32());
                Assert.Equal(Math.Round(overall.Models[i].Rating, 1), models[i].GetProperty("elo").GetDouble());
                Assert.Equal(overall.Models[i].Votes, models[i].GetProperty("votes").GetInt32());
            }
        }

        using (var board = await InvokeAsync("get_leaderboard", """{"category": "math"}"""))
        {
            Assert.Equal("math", board.RootElement.GetProperty("category").GetString());
            var a = board.RootElement.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("model").GetString() == A);
            Assert.Equal(beforeWins + 2, a.GetProperty("wins").GetInt32());
        }

        using (var counts = await InvokeAsync("vote_counts", "{}"))
        {
            Assert.Equal(overall.TotalVotes, counts.RootElement.GetProperty("total_votes").GetInt64());
            var perCategory = counts.RootElement.GetProperty("per_category").EnumerateArray()
                .ToDictionary(c => c.GetProperty("category").GetString()!, c => c.GetProperty("votes").GetInt64());
            Assert.Equal(math.TotalVotes, perCategory["math"]);
            Assert.Equal((await Leaderboard.GetAsync("coding")).TotalVotes, perCategory["coding"]);
            var a = counts.RootElement.GetProperty("per_model").EnumerateArray().Single(m => m.GetProperty("model").GetString() == A);
            var standing = overall.Models.Single(m => m.Model == A);
            Assert.Equal(standing.Wins, a.GetProperty("wins").GetInt32());
            Assert.Equal(standing.Ties, a.GetProperty("ties").GetInt32());
            Assert.Equal(standing.Losses, a.GetProperty("losses").GetInt32());
        }

        using (var h2h = await InvokeAsync("head_to_head", $$"""{"model_a": "{{A}}", "model_b": "{{B}}"}"""))
        {
            var (i, j) = (matrix.Models.ToList().IndexOf(A), matrix.Models.ToList().IndexOf(B));
            Assert.Equal(matrix.Battles[i][j], h2h.RootElement.GetProperty("battles").GetInt64());
            Assert.Equal(Math.Round(matrix.WinRates[i][j]!.Value, 4), h2h.RootElement.GetProperty("model_a_win_rate").GetDouble());
            Assert.Equal(Math.Round(matrix.WinRates[j][i]!.Value, 4), h2h.RootElement.GetProperty("model_b_win_rate").GetDouble());
            // This test's votes: A beat B twice, B beat A once, one tie.
            Assert.Equal(winsBefore.A + 2, h2h.RootElement.GetProperty("model_a_wins").GetInt64());
            Assert.Equal(winsBefore.B + 1, h2h.RootElement.GetProperty("model_b_wins").GetInt64());
            Assert.Equal(tiesBefore + 1, h2h.RootElement.GetProperty("ties").GetInt64());
            Assert.Equal(matrix.Battles[i][j], h2h.RootElement.GetProperty("model_a_wins").GetInt64() + h2h.RootElement.GetProperty("model_b_wins").GetInt64() + h2h.RootElement.GetProperty("ties").GetInt64());
        }

        using (var stats = await InvokeAsync("get_model_stats", $$"""{"model": "{{A}}"}"""))
        {
            var standing = overall.Models.Single(m => m.Model == A);
            var o = stats.RootElement.GetProperty("overall");
            Assert.Equal(standing.Votes, o.GetProperty("votes").GetInt32());
            Assert.Equal(standing.Wins, o.GetProperty("wins").GetInt32());
            Assert.Equal(Math.Round((standing.Wins + (standing.Ties / 2.0)) / standing.Votes, 4), o.GetProperty("win_rate").GetDouble());
            var inMath = stats.RootElement.GetProperty("by_category").EnumerateArray().Single(c => c.GetProperty("category").GetString() == "math");
            Assert.Equal(math.Models.Single(m => m.Model == A).Votes, inMath.GetProperty("standing").GetProperty("votes").GetInt32());
            // Blind battles: nothing that changes when a battle starts (requests, latency, replicas) reaches the public assistant.
            var serving = stats.RootElement.GetProperty("serving");
            Assert.Equal("available", serving.GetProperty("availability").GetString());
            Assert.Equal(["availability"], serving.EnumerateObject().Select(p => p.Name).ToArray());
        }
    }

    [Fact]
    public async Task ModelTools_UnknownModel_ToolExceptionListingTheModels()
    {
        foreach (var (tool, args) in new[]
        {
            ("get_model_stats", """{"model": "gpt-17"}"""),
            ("head_to_head", $$"""{"model_a": "gpt-17", "model_b": "{{B}}"}"""),
        })
        {
            var refused = await Assert.ThrowsAsync<ToolException>(() => InvokeAsync(tool, args));
            Assert.Contains("'gpt-17'", refused.Message);
            Assert.Contains(A, refused.Message);
            Assert.Contains(B, refused.Message);
        }
    }

    [Fact]
    public async Task HeadToHead_SameModelTwice_ToolException()
    {
        var refused = await Assert.ThrowsAsync<ToolException>(() => InvokeAsync("head_to_head", $$"""{"model_a": "{{A}}", "model_b": "{{A}}"}"""));
        Assert.Contains("two different models", refused.Message);
    }

    [Fact]
    public async Task CategoryTools_UnknownCategory_ToolExceptionListingCategories()
    {
        var refused = await Assert.ThrowsAsync<ToolException>(() => InvokeAsync("get_leaderboard", """{"category": "astrology"}"""));
        Assert.Contains("'astrology'", refused.Message);
        Assert.Contains("overall", refused.Message);
        Assert.Contains("coding", refused.Message);
    }

    [Fact]
    public void Schemas_OfferModelIdsAndCategoriesAsEnums()
    {
        using var stats = JsonDocument.Parse(Tool("get_model_stats").ParametersSchema(Context).ToString());
        var ids = stats.RootElement.GetProperty("properties").GetProperty("model").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.Contains(A, ids);
        Assert.Contains(B, ids);
        Assert.Equal("model", Assert.Single(stats.RootElement.GetProperty("required").EnumerateArray()).GetString());

        using var board = JsonDocument.Parse(Tool("get_leaderboard").ParametersSchema(Context).ToString());
        var categories = board.RootElement.GetProperty("properties").GetProperty("category").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.Equal("overall", categories[0]);
        Assert.Contains("math", categories);
        Assert.Empty(board.RootElement.GetProperty("required").EnumerateArray());
    }

    private IAssistantTool Tool(string name) =>
        fixture.SiloServices.GetServices<IAssistantTool>().Single(t => t.Name == name);

    private async Task<JsonDocument> InvokeAsync(string name, string arguments)
    {
        using var args = JsonDocument.Parse(arguments);
        return JsonDocument.Parse(await Tool(name).InvokeAsync(Context, args.RootElement.Clone(), CancellationToken.None));
    }

    /// <summary>A's and B's wins over each other, and their ties, in a matrix (zero before they met).</summary>
    private static ((long A, long B) Wins, long Ties) HeadToHead(PairMatrix matrix)
    {
        var (i, j) = (matrix.Models.ToList().IndexOf(A), matrix.Models.ToList().IndexOf(B));
        return i < 0 || j < 0 ? ((0, 0), 0) : ((matrix.Wins[i][j], matrix.Wins[j][i]), matrix.Ties[i][j]);
    }

    private Task<VoteReveal> VoteAsync(BattleOutcome outcome, string category) =>
        Leaderboard.RecordVoteAsync(new VoteRecord(Guid.NewGuid(), A, B, outcome, category, DateTimeOffset.UtcNow));
}
