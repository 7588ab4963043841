namespace Arena.Web.Moderation;

/// <summary>
/// The one check of what a user typed, before moderation sees it: trimmed, not empty, and within a limit. Battles,
/// the chat box and the assistant name the text and the hint their own way; the rule is the same.
/// </summary>
public static class PromptText
{
    /// <param name="text">What the user sent.</param>
    /// <param name="max">The most characters allowed, after trimming.</param>
    /// <param name="noun">What the text is called in the refusal ("prompt", "message").</param>
    /// <param name="emptyHint">What to do instead of sending nothing.</param>
    /// <returns>The trimmed text.</returns>
    public static string Validate(string? text, int max, string noun, string emptyHint)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw ArenaException.Invalid($"The {noun} is empty. {emptyHint}");
        }

        if (trimmed.Length > max)
        {
            throw ArenaException.Invalid($"The {noun} has {trimmed.Length} characters; the limit is {max}.");
        }

        return trimmed;
    }
}
