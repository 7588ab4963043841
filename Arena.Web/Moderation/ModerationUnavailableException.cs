namespace Arena.Web.Moderation;

/// <summary>A moderation check could not be made: the service failed, answered something unreadable, or did not answer in time.</summary>
public sealed class ModerationUnavailableException(string source, string reason, Exception? inner = null)
    : Exception($"The {source} moderation check failed: {reason}", inner)
{
    /// <summary>The source of the check that failed (<see cref="IPromptModerator.Source"/>).</summary>
    public string Check { get; } = source;

    /// <summary>What went wrong, for logs (no prompt text, no key).</summary>
    public string Reason { get; } = reason;
}
