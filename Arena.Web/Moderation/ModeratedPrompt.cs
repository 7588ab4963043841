namespace Arena.Web.Moderation;

/// <summary>
/// A prompt that passed moderation. Only <see cref="PromptModeration"/> makes one, and the services hand a
/// prompt to a battle or an assistant only in this form, so no path reaches a model with an unchecked prompt.
/// </summary>
public sealed class ModeratedPrompt
{
    internal ModeratedPrompt(string text) => Text = text;

    /// <summary>The prompt as checked.</summary>
    public string Text { get; }

    public override string ToString() => Text;
}
