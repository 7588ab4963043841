namespace Arena.Models;

/// <summary>
/// One update read from a model server's stream: text, or how the answer ended. <see cref="Cached"/> marks
/// the end of an answer the answer cache replayed instead of asking the server.
/// </summary>
public sealed record ModelUpdate(string Text, string? FinishReason = null, int? InputTokens = null, int? OutputTokens = null, ModelFailure? Error = null, bool Cached = false);
