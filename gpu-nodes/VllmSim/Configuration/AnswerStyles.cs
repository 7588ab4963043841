namespace VllmSim;

/// <summary>Names of the built-in answer styles.</summary>
public static class AnswerStyles
{
    /// <summary>Short intro, a bullet list and a conclusion.</summary>
    public const string Structured = "structured";

    /// <summary>Friendly and talkative.</summary>
    public const string Chatty = "chatty";

    /// <summary>Short and direct.</summary>
    public const string Terse = "terse";

    /// <summary>Numbered steps and a summary.</summary>
    public const string Methodical = "methodical";

    /// <summary>Concise helper that likes to call tools.</summary>
    public const string Assistant = "assistant";
}
