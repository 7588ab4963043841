namespace Arena.Web.Moderation;

/// <summary>
/// Moderation of prompts before they reach a model (configuration section <c>Arena:Moderation</c>): the local
/// block list, then OpenAI's moderation endpoint when an OpenAI key is present. Checked on start by
/// <see cref="ModerationOptionsValidator"/>.
/// </summary>
public sealed class ModerationOptions
{
    public const string Section = "Arena:Moderation";

    /// <summary>Whether prompts are checked at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Words and phrases refused anywhere in a prompt: case-insensitive, as whole words (an entry does not match
    /// inside a longer word), any run of whitespace matching the spaces of a phrase. An entry that starts with
    /// <c>regex:</c> is a .NET regular expression instead (case-insensitive, matched without backtracking).
    /// </summary>
    public List<string> BlockList { get; set; } = [];

    /// <summary>A file of further block-list entries, one a line; blank lines and lines starting with <c>#</c> are skipped. Relative to the content root.</summary>
    public string? BlockListFile { get; set; }

    /// <summary>
    /// What happens when a check cannot be made (the moderation service fails or times out): false (the default)
    /// lets the prompt through, fail open, after the block list; true refuses it with 503, fail closed. Either
    /// way the failure is logged as a warning and counted.
    /// </summary>
    public bool FailClosed { get; set; }

    /// <summary>OpenAI's moderation endpoint.</summary>
    public OpenAiModerationOptions OpenAi { get; set; } = new();
}
