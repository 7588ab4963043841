using VllmSim.Protocol;

namespace VllmSim.Generation;

/// <summary>What one request will produce: text tokens or a tool call, and why generation ends.</summary>
internal sealed record CompletionPlan(
    IReadOnlyList<string> Tokens,
    PlannedToolCall? ToolCall,
    IReadOnlyList<string> ArgumentPieces,
    string FinishReason,
    string? StopReason,
    int PromptTokens)
{
    public string Text => string.Concat(Tokens);

    /// <summary>Tokens billed as completion tokens.</summary>
    public int CompletionTokens => ToolCall is null ? Tokens.Count : SimTokenizer.Estimate(ToolCall.Name + ToolCall.ArgumentsJson) + 3;
}
