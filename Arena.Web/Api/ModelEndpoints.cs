using Arena.Web.Models;

namespace Arena.Web.Api;

/// <summary>The models API: state, replicas and statistics.</summary>
public static class ModelEndpoints
{
    public static IEndpointRouteBuilder MapModelApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/models", (ModelService models) => TypedResults.Ok(new { models = models.List() }));
        app.MapGet("/api/models/{id}/stats", async (string id, ModelService models) => TypedResults.Ok(await models.StatsAsync(id)));
        app.MapGet("/api/models/{id}/history", async (string id, int? limit, RatingHistory history, CancellationToken cancellationToken) =>
            TypedResults.Ok(new { model = id, points = await history.ForAsync(id, limit ?? 500, cancellationToken) }));
        return app;
    }
}
