namespace VllmSim;

/// <summary>One simulated model: its name, answer style, speed and limits.</summary>
public sealed class SimModelOptions
{
    /// <summary>Model id clients send as <c>model</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>Answer style: <c>structured</c>, <c>chatty</c>, <c>terse</c>, <c>methodical</c> or <c>assistant</c>.</summary>
    public string Style { get; set; } = AnswerStyles.Structured;

    /// <summary>Mean time to first token, in milliseconds.</summary>
    public double TtftMs { get; set; } = 100;

    /// <summary>Standard deviation of the time to first token, in milliseconds.</summary>
    public double TtftStdMs { get; set; } = 20;

    /// <summary>Mean delay between two tokens, in milliseconds.</summary>
    public double InterTokenMs { get; set; } = 12;

    /// <summary>Standard deviation of the delay between two tokens, in milliseconds.</summary>
    public double InterTokenStdMs { get; set; } = 2;

    /// <summary>Generation cap when the request sets neither <c>max_tokens</c> nor <c>max_completion_tokens</c>.</summary>
    public int MaxTokens { get; set; } = 1024;

    /// <summary>Context window (prompt plus completion), as vLLM's <c>max_model_len</c>.</summary>
    public int MaxModelLen { get; set; } = 8192;

    /// <summary>Answers with tool calls when the request offers tools.</summary>
    public bool SupportsTools { get; set; }

    /// <summary>Random failures for this model; null uses <see cref="SimulatorOptions.Failures"/>.</summary>
    public FailureInjectionOptions? Failures { get; set; }
}
