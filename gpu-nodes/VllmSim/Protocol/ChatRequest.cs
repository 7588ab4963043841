namespace VllmSim.Protocol;

/// <summary>The parts of a chat completion request the simulator acts on.</summary>
internal sealed record ChatRequest(
    string Model,
    IReadOnlyList<ChatMessage> Messages,
    bool Stream,
    bool IncludeUsage,
    int? MaxTokens,
    int N,
    double? Temperature,
    long? Seed,
    IReadOnlyList<string> Stop,
    IReadOnlyList<ToolDefinition> Tools,
    ToolChoice ToolChoice,
    bool ParallelToolCalls = true);

/// <summary>One message of the conversation; <paramref name="Content"/> is the text of all its text parts.</summary>
internal sealed record ChatMessage(string Role, string Content, string? Name, string? ToolCallId, IReadOnlyList<ToolCallRecord> ToolCalls);

/// <summary>A tool call an earlier assistant message made: its id, function name and arguments (JSON text).</summary>
internal sealed record ToolCallRecord(string? Id, string Name, string Arguments);

/// <summary>A function tool offered by the client.</summary>
internal sealed record ToolDefinition(string Name, string Description, JsonElement? Parameters);

/// <summary>The request's <c>tool_choice</c>: none, auto, required, or one named function.</summary>
internal sealed record ToolChoice(ToolChoiceMode Mode, string? FunctionName)
{
    public static ToolChoice Auto { get; } = new(ToolChoiceMode.Auto, null);
}

internal enum ToolChoiceMode
{
    Auto,
    None,
    Required,
    Named,
}
