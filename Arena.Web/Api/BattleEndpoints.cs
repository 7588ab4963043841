using System.Net.ServerSentEvents;
using System.Text.Json;
using Arena.Battles;
using Arena.Web.Battles;
using Arena.Web.Sessions;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Arena.Web.Api;

/// <summary>The battle API: start, watch (SSE), read, vote.</summary>
public static class BattleEndpoints
{
    public sealed record StartBody(string? Prompt);

    public sealed record VoteBody(string? Winner);

    public sealed record StartedBattle(Guid BattleId, string Events);

    public static IEndpointRouteBuilder MapBattleApi(this IEndpointRouteBuilder app)
    {
        var battles = app.MapGroup("/api/battles");

        battles.MapPost("/", async (HttpContext http, Arena.Web.Chat.ChatService chat) =>
        {
            var body = await JsonBody.ReadAsync<StartBody>(http.Request, """{"prompt": "..."}""");
            var battle = await chat.StartBattleAsync(http.GetSessionId(), body.Prompt); // filed under the prompt's category
            var events = $"/api/battles/{battle.BattleId}/events";
            return TypedResults.Created($"/api/battles/{battle.BattleId}", new StartedBattle(battle.BattleId, events));
        });

        battles.MapGet("/{id}", async (string id, BattleService service) =>
            TypedResults.Ok(await service.GetAsync(ParseId(id))));

        battles.MapGet("/{id}/events", async (string id, BattleService service, IOptions<JsonOptions> json, CancellationToken cancellationToken) =>
        {
            var battleId = ParseId(id);
            await service.GetAsync(battleId); // 404 before the stream starts, not inside it
            return TypedResults.ServerSentEvents(Events(service.WatchAsync(battleId, cancellationToken), json.Value.SerializerOptions));
        });

        battles.MapPost("/{id}/regenerate", async (string id, HttpContext http, BattleService service) =>
            TypedResults.Ok(await service.RegenerateAsync(ParseId(id), http.GetSessionId())));

        battles.MapPost("/{id}/vote", async (string id, HttpContext http, BattleService service) =>
        {
            var battleId = ParseId(id);
            var body = await JsonBody.ReadAsync<VoteBody>(http.Request, """{"winner": "a"}""");
            return TypedResults.Ok(await service.VoteAsync(battleId, http.GetSessionId(), ParseWinner(body.Winner)));
        });

        app.MapGet("/api/sessions/me/battles", async (HttpContext http, BattleService service) =>
            TypedResults.Ok(new { battles = await service.GetHistoryAsync(http.GetSessionId()) }));

        return app;
    }

    /// <summary>Battle events as SSE items: <c>token</c>, <c>side_done</c>, <c>side_error</c>, <c>battle_done</c>.</summary>
    private static async IAsyncEnumerable<SseItem<string>> Events(IAsyncEnumerable<BattleEvent> events, JsonSerializerOptions json)
    {
        await foreach (var e in events)
        {
            var side = e.Side is { } s ? (s == Side.A ? "a" : "b") : null;
            var (type, data) = e.Kind switch
            {
                BattleEventKind.Token => ("token", JsonSerializer.Serialize(new { side, text = e.Text, turn = e.Turn, offset = e.Offset }, json)),
                BattleEventKind.SideDone => ("side_done", JsonSerializer.Serialize(new { side, turn = e.Turn }, json)),
                BattleEventKind.SideError => ("side_error", JsonSerializer.Serialize(new { side, message = e.Text, turn = e.Turn }, json)),
                _ => ("battle_done", JsonSerializer.Serialize(new { turn = e.Turn }, json)),
            };
            yield return new SseItem<string>(data, type);
        }
    }

    private static Guid ParseId(string id) =>
        Guid.TryParse(id, out var battleId) ? battleId : throw ArenaException.NotFound($"There is no battle '{id}'.");

    private static BattleOutcome ParseWinner(string? winner) => winner?.Trim().ToLowerInvariant() switch
    {
        "a" => BattleOutcome.A,
        "b" => BattleOutcome.B,
        "tie" => BattleOutcome.Tie,
        "both_bad" => BattleOutcome.BothBad,
        null or "" => throw ArenaException.Invalid("The vote has no winner; send {\"winner\": \"a\" | \"b\" | \"tie\" | \"both_bad\"}."),
        _ => throw ArenaException.Invalid($"'{winner}' is not a vote; the winner is one of a, b, tie, both_bad."),
    };
}
