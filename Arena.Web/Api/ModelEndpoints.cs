using Arena.Hosting.Operators;
using Arena.Web.Models;

namespace Arena.Web.Api;

/// <summary>
/// The models API. Public: the models and their availability, and each model's rating history.
/// Operator only: replicas, in-flight counts and health reasons, and per-model serving statistics.
/// </summary>
public static class ModelEndpoints
{
    public static IEndpointRouteBuilder MapModelApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/models", (ModelService models) => TypedResults.Ok(new { models = models.List() }));
        app.MapGet("/api/operator/models", (ModelService models) => TypedResults.Ok(new { models = models.ListDetailed() })).RequireOperator();
        app.MapGet("/api/models/{id}/stats", async (string id, ModelService models) => TypedResults.Ok(await models.StatsAsync(id))).RequireOperator();
        app.MapGet("/api/models/{id}/history", async (string id, int? limit, RatingHistory history, CancellationToken cancellationToken) =>
            TypedResults.Ok(new { model = id, points = await history.ForAsync(id, limit ?? 500, cancellationToken) }));
        return app;
    }
}
