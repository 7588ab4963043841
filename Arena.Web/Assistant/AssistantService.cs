using System.Runtime.CompilerServices;
using Arena.Assistant;
using Arena.Web.Moderation;
using Arena.Web.Limits;
using Arena.Web.Streams;
using Microsoft.Extensions.Options;

namespace Arena.Web.Assistant;

/// <summary>
/// The one place the UI and the HTTP API reach assistant conversations through: ask, read, stop, and
/// watch a turn's events as a gap-free, duplicate-free sequence. Every message passes <see cref="PromptModeration"/> first.
/// </summary>
public sealed class AssistantService(
    IClusterClient client,
    PromptModeration moderation,
    IOptions<AssistantOptions> options,
    IOptions<RateLimitOptions> caps,
    IOptions<EventStreamOptions> streams,
    TimeProvider time,
    ILogger<AssistantService> logger)
{
    /// <summary>Sends a session's message to a conversation (starting it if new) and returns at once; the answer streams.</summary>
    public async Task<AssistantSnapshot> AskAsync(string sessionId, Guid conversationId, string message, string category) =>
        await AskAsync(sessionId, conversationId, await moderation.CheckAsync(Validate(message), PromptUse.Assistant), category);

    /// <summary>Sends a message that already passed moderation (the chat flow checks before it routes).</summary>
    public Task<AssistantSnapshot> AskAsync(string sessionId, Guid conversationId, ModeratedPrompt message, string category) =>
        client.GetGrain<IAssistantGrain>(conversationId).AskAsync(
            new AssistantRequest(sessionId, message.Text, category, caps.Value.Cap(c => c.AssistantTurnsPerConversation)));

    /// <summary>The conversation, for its owner.</summary>
    public Task<AssistantSnapshot> GetAsync(Guid conversationId, string sessionId) =>
        client.GetGrain<IAssistantGrain>(conversationId).GetAsync(sessionId);

    /// <summary>Stops the running turn on behalf of its owner; the text so far is kept.</summary>
    public Task<AssistantSnapshot> StopAsync(Guid conversationId, string sessionId) =>
        client.GetGrain<IAssistantGrain>(conversationId).StopAsync(sessionId);

    /// <summary>
    /// The latest turn's events from its start: first what the transcript already holds (finished steps,
    /// text so far), then the live tail, ending with <see cref="AssistantEventKind.TurnDone"/> or
    /// <see cref="AssistantEventKind.TurnError"/>. Nothing is repeated and nothing is skipped. When no live event arrives
    /// within <see cref="EventStreamOptions.IdleReread"/>, the conversation is read again and what the client missed is
    /// sent, so a lost event delays the watcher but never strands it.
    /// </summary>
    public async IAsyncEnumerable<AssistantEvent> WatchAsync(
        Guid conversationId, string sessionId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var watch = await EventWatch<AssistantEvent>.StartAsync(client, conversationId, logger);
        var conversation = client.GetGrain<IAssistantGrain>(conversationId);
        var snapshot = await conversation.GetAsync(sessionId);
        var cursor = new AssistantCursor(snapshot.Turns.Count - 1);
        foreach (var e in cursor.CatchUp(snapshot))
        {
            yield return e;
        }

        var tail = LiveTail.FollowAsync(
            watch.Events,
            () => cursor.Finished,
            cursor.NeedsCatchUpBefore,
            cursor.Accept,
            async () =>
            {
                await watch.RenewAsync();
                return cursor.CatchUp(await conversation.GetAsync(sessionId));
            },
            streams.Value.IdleReread,
            time,
            cancellationToken);
        await foreach (var e in tail)
        {
            yield return e;
        }
    }

    /// <summary>The grain's own bounds, checked before moderation so that no oversized message is sent to be checked.</summary>
    private string Validate(string? message) =>
        PromptText.Validate(message, options.Value.MaxMessageChars, "message", "Type a question for the assistant.");
}
