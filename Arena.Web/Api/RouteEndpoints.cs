using System.Text.Json.Serialization;
using Arena.Routing;
using Arena.Web.Limits;
using Microsoft.Extensions.Options;

namespace Arena.Web.Api;

/// <summary>The router API: which path (arena or assistant) a message would take. No side effects.</summary>
public static class RouteEndpoints
{
    public sealed record RouteBody(string? Message, RouteContextBody? Context);

    public sealed record RouteContextBody(
        [property: JsonPropertyName("data_loaded")] bool DataLoaded,
        [property: JsonPropertyName("workflow_active")] bool WorkflowActive);

    public sealed record RouteResponse(string Route, string Category, double Confidence, string Reason);

    private const string Example = """{"message": "...", "context": {"data_loaded": false, "workflow_active": false}}""";

    public static IEndpointRouteBuilder MapRouteApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/route", async (HttpContext http, IClusterClient client, IOptions<RouterOptions> options) =>
        {
            var body = await JsonBody.ReadAsync<RouteBody>(http.Request, Example);
            var message = body.Message;
            if (string.IsNullOrWhiteSpace(message))
            {
                throw ArenaException.Invalid($"The message is empty; send {Example}.");
            }

            var max = options.Value.MaxMessageLength;
            if (message.Length > max)
            {
                throw ArenaException.Invalid($"The message is longer than {max} characters.");
            }

            var context = new Arena.Routing.RouteContext(body.Context?.DataLoaded ?? false, body.Context?.WorkflowActive ?? false);
            var decision = await client.GetGrain<IRouterGrain>(0).ClassifyAsync(message, context);
            return TypedResults.Ok(new RouteResponse(decision.Route, decision.Category, decision.Confidence, decision.Reason));
        }).RequireArenaLimit(LimitedAction.Route);
        return app;
    }
}
