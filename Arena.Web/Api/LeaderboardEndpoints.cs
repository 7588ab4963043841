using System.Text.Json.Serialization;
using Arena.Ratings;
using Arena.Web.Battles;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Arena.Web.Api;

/// <summary>The leaderboard API: Elo and Bradley–Terry with intervals, overall or per category.</summary>
public static class LeaderboardEndpoints
{
    /// <summary>One model's row, with the field names of the published contract.</summary>
    public sealed record Row(
        [property: JsonPropertyName("model")] string Model,
        [property: JsonPropertyName("rating")] double Rating,
        [property: JsonPropertyName("bt")] double? Bt,
        [property: JsonPropertyName("bt_lower")] double? BtLower,
        [property: JsonPropertyName("bt_upper")] double? BtUpper,
        [property: JsonPropertyName("rank_ub")] int? RankUb,
        [property: JsonPropertyName("provisional")] bool? Provisional,
        [property: JsonPropertyName("votes")] int Votes,
        [property: JsonPropertyName("wins")] int Wins,
        [property: JsonPropertyName("losses")] int Losses,
        [property: JsonPropertyName("ties")] int Ties);

    public sealed record Board(
        [property: JsonPropertyName("category")] string Category,
        [property: JsonPropertyName("total_votes")] long TotalVotes,
        [property: JsonPropertyName("computed_at")] DateTimeOffset? ComputedAt,
        [property: JsonPropertyName("computed_from_votes")] long ComputedFromVotes,
        [property: JsonPropertyName("categories")] IReadOnlyList<string> Categories,
        [property: JsonPropertyName("models")] IReadOnlyList<Row> Models);

    public static IEndpointRouteBuilder MapLeaderboardApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/leaderboard", async (string? category, BattleService service) =>
        {
            var categories = await service.GetCategoriesAsync();
            if (!string.IsNullOrWhiteSpace(category) && category != LeaderboardSnapshot.Overall && !categories.Contains(category))
            {
                throw ArenaException.NotFound($"No votes have the category '{category}'. Categories with votes: {string.Join(", ", categories.DefaultIfEmpty("none yet"))}.");
            }

            var board = await service.GetLeaderboardAsync(category);
            return TypedResults.Ok(new Board(
                board.Category,
                board.TotalVotes,
                board.ComputedAt,
                board.ComputedFromVotes,
                categories,
                board.Models.Select(m => new Row(
                    m.Model, m.Rating, m.BradleyTerry?.Rating, m.BradleyTerry?.Lower, m.BradleyTerry?.Upper, m.BradleyTerry?.RankUb,
                    m.BradleyTerry?.Provisional, m.Votes, m.Wins, m.Losses, m.Ties)).ToArray()));
        });

        app.MapGet("/api/leaderboard/matrix", async (string? category, BattleService service) =>
            TypedResults.Ok(await service.GetMatrixAsync(category)));

        app.MapPost("/api/admin/leaderboard/recompute", async (BattleService service) =>
        {
            await service.RecomputeAsync();
            return TypedResults.NoContent();
        }).AddEndpointFilter<AdminKey>();

        app.MapPost("/api/admin/leaderboard/rebuild", async Task<Ok<RebuildReport>> (IClusterClient client) =>
            TypedResults.Ok(await client.GetGrain<ILeaderboardGrain>(0).RebuildAsync()))
            .AddEndpointFilter<AdminKey>()
            .WithDescription("Rebuilds every rating from the stored ledger with the current settings (Elo in ledger order, pair counts, quarantine), then Bradley–Terry with its bootstrap; votes wait meanwhile. Needs X-Admin-Key.");

        return app;
    }
}
