namespace Arena.Web.Api;

/// <summary>The OpenAPI description of the API, served at <see cref="Path"/>.</summary>
public static class OpenApiDocument
{
    public const string Name = "v1";

    public const string Path = "/openapi/v1.json";

    /// <summary>Registers the document generator (it uses the API's JSON options).</summary>
    public static IServiceCollection AddArenaOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(Name, options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Arena API";
            document.Info.Description = "Blind and named battles between LLMs, votes, the leaderboard, models and statistics. Errors are ProblemDetails with a detail that says what to do.";
            return Task.CompletedTask;
        }));

    /// <summary>Serves the document at <see cref="Path"/>.</summary>
    public static IEndpointRouteBuilder MapArenaOpenApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        return app;
    }
}
