namespace Arena.Assistant;

/// <summary>
/// One conversation with the tool-calling assistant, keyed by conversation id (the session's workflow).
/// Each message is a turn: the model may call tools (steps) before it answers; events stream on
/// <see cref="ArenaNames.AssistantStreamNamespace"/>.
/// </summary>
public interface IAssistantGrain : IGrainWithGuidKey
{
    /// <summary>Starts a turn on the user's message and returns at once; Conflict while a turn is running, Forbidden for another session.</summary>
    Task<AssistantSnapshot> AskAsync(AssistantRequest request);

    /// <summary>The conversation, for its owner only; NotFound before the first turn.</summary>
    Task<AssistantSnapshot> GetAsync(string sessionId);

    /// <summary>Stops the running turn (the owner only); the text so far is kept.</summary>
    Task<AssistantSnapshot> StopAsync(string sessionId);
}

/// <summary>
/// A user's message to the assistant, with the category the router gave it, and the most turns the
/// conversation may hold (0: no cap; past it the message is refused with TooManyRequests).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AssistantRequest(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string Message,
    [property: Id(2)] string Category,
    [property: Id(3)] int MaxTurns = 0);

/// <summary>Where a conversation or one of its turns is.</summary>
public enum AssistantStatus
{
    None,
    Running,
    Done,
    Failed,
    Stopped,
}

/// <summary>A conversation as its owner sees it.</summary>
[GenerateSerializer, Immutable]
public sealed record AssistantSnapshot(
    [property: Id(0)] Guid ConversationId,
    [property: Id(1)] AssistantStatus Status,
    [property: Id(2)] string Model,
    [property: Id(3)] IReadOnlyList<AssistantTurnSnapshot> Turns);

/// <summary>One message and the assistant's work on it: tool steps in order, then the answer's text.</summary>
[GenerateSerializer, Immutable]
public sealed record AssistantTurnSnapshot(
    [property: Id(0)] string Prompt,
    [property: Id(1)] string Category,
    [property: Id(2)] AssistantStatus Status,
    [property: Id(3)] string Text,
    [property: Id(4)] IReadOnlyList<ToolStep> Steps,
    [property: Id(5)] string? Error,
    [property: Id(6)] DateTimeOffset StartedAt,
    [property: Id(7)] double? DurationMs);

/// <summary>One tool call: the tool, its JSON arguments, and its JSON result (or the error the model was told).</summary>
[GenerateSerializer, Immutable]
public sealed record ToolStep(
    [property: Id(0)] int Index,
    [property: Id(1)] string CallId,
    [property: Id(2)] string Tool,
    [property: Id(3)] string Arguments,
    [property: Id(4)] string? Result,
    [property: Id(5)] bool IsError,
    [property: Id(6)] double? DurationMs);

/// <summary>What an <see cref="AssistantEvent"/> says.</summary>
public enum AssistantEventKind
{
    /// <summary>Answer text at <see cref="AssistantEvent.Offset"/> in the turn's text.</summary>
    Token,

    /// <summary>The model called a tool; <see cref="AssistantEvent.Step"/> has no result yet.</summary>
    ToolCall,

    /// <summary>A tool finished; <see cref="AssistantEvent.Step"/> carries its result or error.</summary>
    ToolResult,

    /// <summary>The turn finished (done or stopped).</summary>
    TurnDone,

    /// <summary>The turn failed; <see cref="AssistantEvent.Text"/> says why.</summary>
    TurnError,
}

/// <summary>An in-band event on a conversation's stream.</summary>
[GenerateSerializer, Immutable]
public sealed record AssistantEvent(
    [property: Id(0)] AssistantEventKind Kind,
    [property: Id(1)] int Turn,
    [property: Id(2)] int Offset,
    [property: Id(3)] string Text,
    [property: Id(4)] ToolStep? Step);
