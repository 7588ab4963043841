namespace Arena.Assistant;

/// <summary>Who speaks in a message to the assistant's model.</summary>
public enum ConversationRole
{
    System,
    User,
    Assistant,
    Tool,
}

/// <summary>A tool call the model asked for: its id, the function, and the arguments as JSON text.</summary>
public sealed record RequestedToolCall(string Id, string Name, string Arguments);

/// <summary>
/// One message of the conversation as the model sees it: text, or an assistant message carrying tool
/// calls, or a tool's result answering one call.
/// </summary>
public sealed record ConversationMessage(
    ConversationRole Role, string Text, IReadOnlyList<RequestedToolCall> ToolCalls, string? ToolCallId)
{
    public static ConversationMessage System(string text) => new(ConversationRole.System, text, [], null);

    public static ConversationMessage User(string text) => new(ConversationRole.User, text, [], null);

    public static ConversationMessage Assistant(string text, IReadOnlyList<RequestedToolCall>? calls = null) =>
        new(ConversationRole.Assistant, text, calls ?? [], null);

    public static ConversationMessage ToolResult(string callId, string json) => new(ConversationRole.Tool, json, [], callId);
}

/// <summary>A function the model may call: name, description and JSON schema of its arguments.</summary>
public sealed record ToolSpec(string Name, string Description, BinaryData Parameters);

/// <summary>A piece of a streamed tool call: the call at <see cref="Index"/> gets an id, a name or more argument text.</summary>
public sealed record ToolCallDelta(int Index, string? Id, string? Name, string? ArgumentsFragment);

/// <summary>One streamed update from the model: answer text, tool-call pieces, and the finish reason at the end.</summary>
public sealed record AssistantModelUpdate(string Text, IReadOnlyList<ToolCallDelta> ToolCalls, string? FinishReason);
