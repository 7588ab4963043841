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

/// <summary>Describes a JSON request body without routing on its content type.</summary>
public static class OpenApiRequestBodies
{
    /// <summary>
    /// Documents <typeparamref name="T"/> as the JSON body. Unlike <c>Accepts</c>, it adds no content-type
    /// constraint to routing, so a wrong content type still gets the API's own 400 with a clear detail.
    /// </summary>
    public static RouteHandlerBuilder DocumentsJsonBody<T>(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken);
            operation.RequestBody = new Microsoft.OpenApi.OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, Microsoft.OpenApi.OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = schema },
                },
            };
        });
}
