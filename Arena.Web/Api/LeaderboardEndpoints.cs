using Arena.Web.Battles;

namespace Arena.Web.Api;

/// <summary>The leaderboard API.</summary>
public static class LeaderboardEndpoints
{
    public static IEndpointRouteBuilder MapLeaderboardApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/leaderboard", async (BattleService service) => TypedResults.Ok(await service.GetLeaderboardAsync()));

        return app;
    }
}
