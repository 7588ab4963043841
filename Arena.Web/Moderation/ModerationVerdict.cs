namespace Arena.Web.Moderation;

/// <summary>
/// What one check said of a prompt: flagged or not, and the categories that flagged it (category names such
/// as <c>harassment</c>, never the prompt's text or the block list's entries).
/// </summary>
public sealed record ModerationVerdict(bool Flagged, IReadOnlyList<string> Categories)
{
    /// <summary>Not flagged.</summary>
    public static readonly ModerationVerdict Allowed = new(false, []);

    /// <summary>Flagged in <paramref name="categories"/>.</summary>
    public static ModerationVerdict FlaggedIn(params string[] categories) => new(true, categories);
}
