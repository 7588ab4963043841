namespace VllmSim.Generation;

/// <summary>What one request will produce: text tokens or tool calls, and why generation ends.</summary>
internal sealed record CompletionPlan(
    IReadOnlyList<string> Tokens,
    IReadOnlyList<PlannedToolCall> ToolCalls,
    string FinishReason,
    string? StopReason,
    int PromptTokens,
    string? ToolCallContent = null)
{
    public string Text => string.Concat(Tokens);

    /// <summary>Tokens billed as completion tokens.</summary>
    public int CompletionTokens => ToolCalls.Count == 0 ? Tokens.Count : ToolCalls.Sum(c => SimTokenizer.Estimate(c.Name + c.ArgumentsJson) + 3);

    /// <summary>Paced generation steps: one per text token, or per tool call its name and then each argument fragment.</summary>
    public int Steps => ToolCalls.Count == 0 ? Tokens.Count : ToolCalls.Sum(c => 1 + c.ArgumentPieces.Count);
}

/// <summary>A tool call the simulated model decided to make; its arguments stream in token-sized fragments.</summary>
internal sealed record PlannedToolCall(string Name, string ArgumentsJson)
{
    public IReadOnlyList<string> ArgumentPieces { get; } = SimTokenizer.Tokenize(ArgumentsJson);
}
