using Arena.Models;
using Arena.Web.Battles;

namespace Arena.Web.Api;

/// <summary>The read-only API: leaderboard and models.</summary>
public static class LeaderboardEndpoints
{
    public static IEndpointRouteBuilder MapLeaderboardApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/leaderboard", async (BattleService service) => TypedResults.Ok(await service.GetLeaderboardAsync()));

        app.MapGet("/api/models", (ModelCatalog catalog) => TypedResults.Ok(new
        {
            models = catalog.All.Select(m => new ModelSummary(m.Id, m.Name, m.Provider, m.Simulated, m.InArena)),
        }));

        return app;
    }
}
