namespace VllmSim;

/// <summary>The simulated models served when configuration names none.</summary>
public static class SimModelCatalog
{
    /// <summary>A fresh list of the default models (callers may change it freely).</summary>
    public static List<SimModelOptions> Defaults() =>
    [
        new()
        {
            Id = "sim-gpt-4o", Style = AnswerStyles.Structured,
            TtftMs = 350, TtftStdMs = 60, InterTokenMs = 18, InterTokenStdMs = 1,
            MaxTokens = 2048, MaxModelLen = 32768, SupportsTools = true,
        },
        new()
        {
            Id = "sim-llama-3.1-8b", Style = AnswerStyles.Chatty,
            TtftMs = 100, TtftStdMs = 20, InterTokenMs = 12, InterTokenStdMs = 2,
            MaxTokens = 1024, MaxModelLen = 8192,
        },
        new()
        {
            Id = "sim-mistral-7b", Style = AnswerStyles.Terse,
            TtftMs = 70, TtftStdMs = 15, InterTokenMs = 9, InterTokenStdMs = 2,
            MaxTokens = 1024, MaxModelLen = 8192,
        },
        new()
        {
            Id = "sim-qwen-2.5-7b", Style = AnswerStyles.Methodical,
            TtftMs = 120, TtftStdMs = 25, InterTokenMs = 14, InterTokenStdMs = 3,
            MaxTokens = 1024, MaxModelLen = 16384,
        },
        new()
        {
            Id = "sim-assistant", Style = AnswerStyles.Assistant,
            TtftMs = 150, TtftStdMs = 30, InterTokenMs = 15, InterTokenStdMs = 3,
            MaxTokens = 1024, MaxModelLen = 16384, SupportsTools = true,
        },
    ];
}
