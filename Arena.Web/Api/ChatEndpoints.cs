using System.Text.Json;
using System.Text.Json.Serialization;
using Arena.Hosting.Operators;
using Arena.Routing;
using Arena.Web.Chat;
using Arena.Web.Integrity;
using Arena.Web.Limits;
using Arena.Web.Sessions;

namespace Arena.Web.Api;

/// <summary>
/// The chat API: <c>POST /api/chat</c> routes a message to a battle or the assistant; the session's workflow can be
/// ended; <c>GET /api/stats/routing</c> shows the routing distribution. Bodies are snake_case.
/// </summary>
public static class ChatEndpoints
{
    public sealed record ChatBody(string? Message, string? Route);

    /// <summary>The answer to <c>POST /api/chat</c>: either <c>battle_id</c> or <c>conversation_id</c> (with <c>turn</c>).</summary>
    public sealed record ChatResponse(
        string Route,
        string Category,
        double Confidence,
        string Reason,
        bool Overridden,
        Guid? BattleId,
        Guid? ConversationId,
        int? Turn,
        string Events);

    private const string Example = """{"message": "...", "route": "arena" (optional: send to the arena whatever the router says)}""";

    /// <summary>snake_case names, enums as snake_case strings, absent ids left out.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static IEndpointRouteBuilder MapChatApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/chat", async (HttpContext http, ChatService chat, ClientAddress address) =>
        {
            var body = await JsonBody.ReadAsync<ChatBody>(http.Request, Example);
            var forceArena = body.Route?.Trim().ToLowerInvariant() switch
            {
                null or "" or "auto" => false,
                Routes.Arena => true,
                _ => throw ArenaException.Invalid($"'{body.Route}' is not a route you can choose; send \"route\": \"arena\" or leave it out to let the router decide."),
            };
            var reply = await chat.SendAsync(http.GetSessionId(), body.Message, forceArena, address.Hash(http));
            var (location, events) = reply.BattleId is { } battle
                ? ($"/api/battles/{battle}", $"/api/battles/{battle}/events")
                : ($"/api/assistant/{reply.ConversationId}", $"/api/assistant/{reply.ConversationId}/events");
            var response = new ChatResponse(reply.Route, reply.Category, reply.Confidence, reply.Reason, reply.Overridden,
                reply.BattleId, reply.ConversationId, reply.Turn, events);
            http.Response.Headers.Location = location;
            return TypedResults.Json(response, Json, statusCode: StatusCodes.Status201Created);
        }).RequireArenaLimit(LimitedAction.Start);

        app.MapPost("/api/sessions/me/workflow/end", async (HttpContext http, ChatService chat) =>
        {
            await chat.EndWorkflowAsync(http.GetSessionId());
            return TypedResults.NoContent();
        });

        app.MapDelete("/api/sessions/me/workflow", async (HttpContext http, ChatService chat) =>
        {
            await chat.EndWorkflowAsync(http.GetSessionId());
            return TypedResults.NoContent();
        });

        app.MapGet("/api/stats/routing", async (ChatService chat) =>
            TypedResults.Json(await chat.GetRoutingStatsAsync(), Json)).RequireOperator();

        return app;
    }
}
