namespace Arena.Models;

/// <summary>
/// One element of a generation stream: a batch of text, or the final element that carries either the
/// completion (finish reason, usage, timings) or the error that ended the generation.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record GenerationChunk(
    [property: Id(0)] string Text,
    [property: Id(1)] int Tokens,
    [property: Id(2)] GenerationCompletion? Completion = null,
    [property: Id(3)] string? Error = null,
    [property: Id(4)] string? ErrorKind = null)
{
    /// <summary>True for the last element of a stream.</summary>
    public bool IsFinal => Completion is not null || Error is not null;
}

/// <summary>
/// How a generation ended. <see cref="Cached"/> is true when the answer cache replayed a recorded
/// answer at its recorded pace instead of asking the model; the usage is then the original's, not spent.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record GenerationCompletion(
    [property: Id(0)] string? FinishReason,
    [property: Id(1)] int InputTokens,
    [property: Id(2)] int OutputTokens,
    [property: Id(3)] double TimeToFirstTokenMs,
    [property: Id(4)] double DurationMs,
    [property: Id(5)] bool Cached = false);
