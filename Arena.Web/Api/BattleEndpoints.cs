using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Arena.Battles;
using Arena.Sessions;
using Arena.Web.Battles;
using Arena.Web.Chat;
using Arena.Web.Integrity;
using Arena.Web.Limits;
using Arena.Web.Sessions;
using Arena.Web.Streams;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Arena.Web.Api;

/// <summary>The battle API: start (blind or named), watch (SSE, resumable), read, follow up, stop, regenerate, vote, share.</summary>
public static class BattleEndpoints
{
    /// <summary>The body of <c>POST /api/battles</c>: a prompt, and either both models (a named battle) or neither (blind).</summary>
    public sealed record StartBody(
        string? Prompt,
        [property: JsonPropertyName("model_a")] string? ModelA = null,
        [property: JsonPropertyName("model_b")] string? ModelB = null);

    /// <summary>The body of <c>POST /api/battles/{id}/messages</c>: the follow-up prompt.</summary>
    public sealed record MessageBody(string? Prompt);

    /// <summary>The body of <c>POST /api/battles/{id}/vote</c>: <c>a</c>, <c>b</c>, <c>tie</c> or <c>both_bad</c>.</summary>
    public sealed record VoteBody(string? Winner);

    /// <summary>The answer to a vote that is recorded and will count, whose reveal follows on the battle.</summary>
    public sealed record VoteAccepted(BattleOutcome Outcome, bool Pending, string Battle, string Detail);

    /// <summary>A started battle: its id, where its events stream, and the battle as it is now.</summary>
    public sealed record StartedBattle(Guid BattleId, string Events, BattleSnapshot Battle);

    /// <summary>The battles a session started, newest first.</summary>
    public sealed record SessionHistory(IReadOnlyList<SessionBattle> Battles);

    public static IEndpointRouteBuilder MapBattleApi(this IEndpointRouteBuilder app)
    {
        var battles = app.MapGroup("/api/battles").WithTags("Battles");

        battles.MapPost("/", async Task<Created<StartedBattle>> (HttpContext http, ChatService chat, ClientAddress address) =>
        {
            var body = await JsonBody.ReadAsync<StartBody>(http.Request, """{"prompt": "...", "model_a": "optional", "model_b": "optional"}""");
            var battle = await chat.StartBattleAsync(http.GetSessionId(), body.Prompt, body.ModelA, body.ModelB, address.Hash(http)); // filed under the prompt's category once it is known
            var events = $"/api/battles/{battle.BattleId}/events";
            return TypedResults.Created($"/api/battles/{battle.BattleId}", new StartedBattle(battle.BattleId, events, battle));
        })
        .RequireArenaLimit(LimitedAction.Start)
        .WithName("StartBattle")
        .WithSummary("Start a battle on a first prompt")
        .WithDescription("Blind between two drawn models, or named between model_a and model_b (both or neither; they must be arena models that are available now). Models of a named battle are shown at once; its vote is recorded but never rated. The reply does not wait for the prompt's category: the battle is filed under it as soon as the classifier has it, so this answer may still show 'general'.")
        .DocumentsJsonBody<StartBody>()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        battles.MapGet("/{id}", async Task<Ok<BattleSnapshot>> (string id, HttpContext http, BattleService service) =>
            TypedResults.Ok(await service.GetAsync(ParseId(id), http.GetSessionId())))
        .WithName("GetBattle")
        .WithSummary("Read a battle")
        .WithDescription("Its owner, or anyone once the owner shared it (POST /api/battles/{id}/share); to anyone else 404, as for an unknown id. The models of a blind battle stay hidden until the vote. share_url is set once shared.")
        .ProducesProblem(StatusCodes.Status404NotFound);

        battles.MapPost("/{id}/share", async Task<Ok<BattleSnapshot>> (string id, HttpContext http, BattleService service) =>
            TypedResults.Ok(await service.ShareAsync(ParseId(id), http.GetSessionId())))
        .WithName("ShareBattle")
        .WithSummary("Share a battle: anyone may then read it at its share_url")
        .WithDescription("The owner only (another session gets 404, or 403 once it is shared anyway); a blind battle once voted, a named one once no side is answering (409 before). Sharing again changes nothing. Returns the battle with its share_url.")
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

        battles.MapGet("/{id}/events", async (string id, HttpContext http, BattleService service, IOptions<JsonOptions> json) =>
        {
            var battleId = ParseId(id);
            var after = TranscriptPosition.Parse(http.Request.Headers["Last-Event-ID"].ToString());
            // 404 and 400 before the stream starts, not inside it.
            var sessionId = http.GetSessionId();
            var snapshot = await service.GetAsync(battleId, sessionId);
            after?.EnsureWithin(snapshot);
            return new EventStreamResult(Events(service.WatchFromAsync(battleId, sessionId, after), json.Value.SerializerOptions));
        })
        .RequireArenaLimit(LimitedAction.EventStream)
        .WithName("WatchBattle")
        .WithSummary("Stream a battle's events (server-sent events)")
        .WithDescription("The owner, or anyone once shared (else 404). Events token {side, text, turn, offset}, side_done {side, turn}, side_error {side, message, turn} and battle_done {turn}; the stream ends after the latest turn's battle_done. Each event's id is the position after it ({turn}.{offsetA}.{offsetB}.{flags}); reconnect with Last-Event-ID to receive exactly the events after it. The stream opens with a retry: hint (Arena:Streams:RetryHint) and carries a ': heartbeat' comment after each Arena:Streams:HeartbeatInterval without an event.")
        .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status404NotFound);

        battles.MapPost("/{id}/messages", async Task<Ok<BattleSnapshot>> (string id, HttpContext http, BattleService service) =>
        {
            var battleId = ParseId(id);
            var body = await JsonBody.ReadAsync<MessageBody>(http.Request, """{"prompt": "..."}""");
            return TypedResults.Ok(await service.ContinueAsync(battleId, http.GetSessionId(), body.Prompt));
        })
        .RequireArenaLimit(LimitedAction.FollowUp)
        .WithName("ContinueBattle")
        .WithSummary("Ask both sides a follow-up prompt")
        .WithDescription($"The owner only, before the vote, when no side is answering and the last turn did not fail; at most {BattleRules.MaxTurns} prompts. Each side sees its own earlier answers.")
        .DocumentsJsonBody<MessageBody>()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

        battles.MapPost("/{id}/stop", async Task<Ok<BattleSnapshot>> (string id, HttpContext http, BattleService service) =>
            TypedResults.Ok(await service.StopAsync(ParseId(id), http.GetSessionId())))
        .WithName("StopBattle")
        .WithSummary("Stop the running turn")
        .WithDescription("The owner only. Sides still answering end as status done with finishReason \"stopped\" and the text so far; a no-op when nothing runs.")
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound);

        battles.MapPost("/{id}/regenerate", async Task<Ok<BattleSnapshot>> (string id, HttpContext http, BattleService service) =>
            TypedResults.Ok(await service.RegenerateAsync(ParseId(id), http.GetSessionId())))
        .RequireArenaLimit(LimitedAction.Regenerate)
        .WithName("RegenerateBattle")
        .WithSummary("Answer the last prompt again on both sides")
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

        battles.MapPost("/{id}/vote", async Task<Results<Ok<VoteReveal>, Accepted<VoteAccepted>>> (string id, HttpContext http, BattleService service) =>
        {
            var battleId = ParseId(id);
            var body = await JsonBody.ReadAsync<VoteBody>(http.Request, """{"winner": "a"}""");
            try
            {
                return TypedResults.Ok(await service.VoteAsync(battleId, http.GetSessionId(), ParseWinner(body.Winner)));
            }
            catch (VotePendingException pending)
            {
                var battle = $"/api/battles/{battleId}";
                return TypedResults.Accepted(battle, new VoteAccepted(pending.Outcome, true, battle, pending.Message));
            }
        })
        .RequireArenaLimit(LimitedAction.Vote)
        .WithName("VoteBattle")
        .WithSummary("Vote on a finished battle and reveal the models")
        .WithDescription("200 with the reveal once the vote is counted. 202 when the vote is recorded but the leaderboard has not confirmed it within Arena:Ratings:RevealWait: it will count, and the battle (Location) shows the reveal once it has. Voting again, with any choice, answers with the vote that counts.")
        .Produces<VoteAccepted>(StatusCodes.Status202Accepted)
        .DocumentsJsonBody<VoteBody>()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

        app.MapGet("/api/sessions/me/battles", async Task<Ok<SessionHistory>> (HttpContext http, BattleService service) =>
            TypedResults.Ok(new SessionHistory(await service.GetHistoryAsync(http.GetSessionId()))))
        .WithTags("Battles")
        .WithName("GetSessionBattles")
        .WithSummary("The battles this session started, newest first");

        return app;
    }

    /// <summary>Battle events as SSE items: <c>token</c>, <c>side_done</c>, <c>side_error</c>, <c>battle_done</c>, each with its position as id.</summary>
    private static async IAsyncEnumerable<SseItem<string>> Events(
        IAsyncEnumerable<PositionedEvent> events, JsonSerializerOptions json, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var (e, after) in events.WithCancellation(cancellationToken))
        {
            var side = e.Side is { } s ? (s == Side.A ? "a" : "b") : null;
            var (type, data) = e.Kind switch
            {
                BattleEventKind.Token => ("token", JsonSerializer.Serialize(new { side, text = e.Text, turn = e.Turn, offset = e.Offset }, json)),
                BattleEventKind.SideDone => ("side_done", JsonSerializer.Serialize(new { side, turn = e.Turn }, json)),
                BattleEventKind.SideError => ("side_error", JsonSerializer.Serialize(new { side, message = e.Text, turn = e.Turn }, json)),
                _ => ("battle_done", JsonSerializer.Serialize(new { turn = e.Turn }, json)),
            };
            yield return new SseItem<string>(data, type) { EventId = after.ToString() };
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
