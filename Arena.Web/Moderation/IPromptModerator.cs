namespace Arena.Web.Moderation;

/// <summary>
/// One moderation check on a prompt before it may reach a model. <see cref="PromptModeration"/> runs every
/// registered check in order and refuses the prompt at the first that flags it.
/// </summary>
public interface IPromptModerator
{
    /// <summary>The source named in statistics and refusals, e.g. <c>blocklist</c> or <c>openai</c>.</summary>
    string Source { get; }

    /// <summary>How a refusal names this check to the user, e.g. "this arena's block list".</summary>
    string Description { get; }

    /// <summary>
    /// Checks a prompt. Throws <see cref="ModerationUnavailableException"/> when the check could not be made
    /// (service down, error answer, timeout); <see cref="PromptModeration"/> then applies the configured
    /// fail-open or fail-closed behaviour.
    /// </summary>
    ValueTask<ModerationVerdict> CheckAsync(string prompt, CancellationToken cancellationToken);
}
