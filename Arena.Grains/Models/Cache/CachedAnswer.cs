namespace Arena.Models.Cache;

/// <summary>
/// A complete answer as the model streamed it: each piece of text with the time it arrived after the
/// request was sent, and when the stream ended, so that a replay keeps the model's pace.
/// </summary>
public sealed record CachedAnswer(
    string Key,
    string ModelId,
    DateTimeOffset CreatedAt,
    IReadOnlyList<RecordedUpdate> Updates,
    double EndMs,
    string FinishReason,
    int InputTokens,
    int OutputTokens)
{
    /// <summary>The recorded time to the first token, in milliseconds.</summary>
    public double TimeToFirstTokenMs => Updates.Count > 0 ? Updates[0].AtMs : EndMs;
}

/// <summary>One piece of text of a recorded answer, <see cref="AtMs"/> milliseconds after the request.</summary>
public sealed record RecordedUpdate(double AtMs, string Text);
