namespace Arena.Web.Moderation;

/// <summary>Which check refused a prompt and in which categories; shown as the <c>moderation</c> member of the 400 ProblemDetails.</summary>
public sealed record ModerationRefusal(string Source, IReadOnlyList<string> Categories);
