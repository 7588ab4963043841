using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Playwright;

namespace Arena.Browser.Tests;

/// <summary>Arena's HTTP API from inside a browser context, so requests carry the page's session cookie.</summary>
internal static class ArenaApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public sealed record Row(
        [property: JsonPropertyName("model")] string Model,
        [property: JsonPropertyName("rating")] double Rating,
        [property: JsonPropertyName("bt")] double? Bt,
        [property: JsonPropertyName("votes")] int Votes);

    public sealed record Board(
        [property: JsonPropertyName("total_votes")] long TotalVotes,
        [property: JsonPropertyName("computed_from_votes")] long ComputedFromVotes,
        [property: JsonPropertyName("categories")] IReadOnlyList<string> Categories,
        [property: JsonPropertyName("models")] IReadOnlyList<Row> Models);

    public sealed record Matrix(IReadOnlyList<string> Models, IReadOnlyList<IReadOnlyList<long>> Battles, IReadOnlyList<IReadOnlyList<double?>> WinRates);

    private sealed record Started(Guid BattleId, string Events);

    /// <summary>
    /// Runs <paramref name="count"/> whole battles through the API (start through the chat's router with the
    /// arena route, read the event stream to its end, vote) as the page's session, with varied winners.
    /// Each vote returns once it is durable.
    /// </summary>
    public static async Task CastVotesAsync(this IPage page, int count)
    {
        var api = page.Context.APIRequest;
        string[] winners = ["a", "b", "a", "tie", "a", "b"];
        for (var i = 0; i < count; i++)
        {
            var start = await api.PostAsync("api/chat", new() { DataObject = new { message = $"Leaderboard test battle {i}: say something short.", route = "arena" } });
            Assert.Equal(201, start.Status);
            var battle = JsonSerializer.Deserialize<Started>(await start.TextAsync(), Json)!;

            var events = await api.GetAsync(battle.Events.TrimStart('/'));
            Assert.Contains("battle_done", await events.TextAsync(), StringComparison.Ordinal);

            var vote = await api.PostAsync($"api/battles/{battle.BattleId}/vote", new() { DataObject = new { winner = winners[i % winners.Length] } });
            Assert.Equal(200, vote.Status);
        }
    }

    /// <summary>The leaderboard as <c>GET /api/leaderboard</c> returns it.</summary>
    public static async Task<Board> LeaderboardAsync(this IPage page, string? category = null)
    {
        var response = await page.Context.APIRequest.GetAsync(category is null ? "api/leaderboard" : "api/leaderboard?category=" + Uri.EscapeDataString(category));
        Assert.Equal(200, response.Status);
        return JsonSerializer.Deserialize<Board>(await response.TextAsync(), Json)!;
    }

    /// <summary>The pairwise matrix as <c>GET /api/leaderboard/matrix</c> returns it.</summary>
    public static async Task<Matrix> MatrixAsync(this IPage page, string? category = null)
    {
        var response = await page.Context.APIRequest.GetAsync(category is null ? "api/leaderboard/matrix" : "api/leaderboard/matrix?category=" + Uri.EscapeDataString(category));
        Assert.Equal(200, response.Status);
        return JsonSerializer.Deserialize<Matrix>(await response.TextAsync(), Json)!;
    }
}
