using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Arena.Assistant;
using Arena.Web.Assistant;
using Arena.Web.Limits;
using Arena.Web.Sessions;
using Arena.Web.Streams;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Arena.Web.Api;

/// <summary>The assistant API: read a conversation, watch its latest turn (SSE), stop it, send it a message.</summary>
public static class AssistantEndpoints
{
    public sealed record MessageBody(string? Message, string? Category);

    private const string Example = """{"message": "...", "category": "arena_info"}""";

    public static IEndpointRouteBuilder MapAssistantApi(this IEndpointRouteBuilder app)
    {
        var assistant = app.MapGroup("/api/assistant");

        assistant.MapGet("/{id}", async (string id, HttpContext http, AssistantService service) =>
            TypedResults.Ok(await service.GetAsync(ParseId(id), http.GetSessionId())));

        assistant.MapGet("/{id}/events", async (string id, HttpContext http, AssistantService service, IOptions<JsonOptions> json) =>
        {
            var conversationId = ParseId(id);
            var sessionId = http.GetSessionId();
            await service.GetAsync(conversationId, sessionId); // 404/403 before the stream starts, not inside it
            return new EventStreamResult(Events(service.WatchAsync(conversationId, sessionId), json.Value.SerializerOptions));
        }).RequireArenaLimit(LimitedAction.EventStream);

        assistant.MapPost("/{id}/stop", async (string id, HttpContext http, AssistantService service) =>
            TypedResults.Ok(await service.StopAsync(ParseId(id), http.GetSessionId())));

        assistant.MapPost("/{id}/messages", async (string id, HttpContext http, AssistantService service) =>
        {
            var conversationId = ParseId(id);
            var body = await JsonBody.ReadAsync<MessageBody>(http.Request, Example);
            if (string.IsNullOrWhiteSpace(body.Message))
            {
                throw ArenaException.Invalid($"The message is empty; send {Example}.");
            }

            var snapshot = await service.AskAsync(http.GetSessionId(), conversationId, body.Message, body.Category ?? "");
            return TypedResults.Accepted($"/api/assistant/{conversationId}", snapshot);
        }).RequireArenaLimit(LimitedAction.AssistantMessage);

        return app;
    }

    /// <summary>
    /// Assistant events as SSE items: <c>token</c> {turn, offset, text}, <c>tool_call</c> {turn, step},
    /// <c>tool_result</c> {turn, step}, <c>turn_done</c> {turn}, <c>turn_error</c> {turn, message}.
    /// </summary>
    private static async IAsyncEnumerable<SseItem<string>> Events(
        IAsyncEnumerable<AssistantEvent> events, JsonSerializerOptions json, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var e in events.WithCancellation(cancellationToken))
        {
            var (type, data) = e.Kind switch
            {
                AssistantEventKind.Token => ("token", JsonSerializer.Serialize(new { turn = e.Turn, offset = e.Offset, text = e.Text }, json)),
                AssistantEventKind.ToolCall => ("tool_call", JsonSerializer.Serialize(new { turn = e.Turn, step = e.Step }, json)),
                AssistantEventKind.ToolResult => ("tool_result", JsonSerializer.Serialize(new { turn = e.Turn, step = e.Step }, json)),
                AssistantEventKind.TurnDone => ("turn_done", JsonSerializer.Serialize(new { turn = e.Turn }, json)),
                _ => ("turn_error", JsonSerializer.Serialize(new { turn = e.Turn, message = e.Text }, json)),
            };
            yield return new SseItem<string>(data, type);
        }
    }

    private static Guid ParseId(string id) =>
        Guid.TryParse(id, out var conversationId) ? conversationId : throw ArenaException.NotFound($"There is no assistant conversation '{id}'.");
}
