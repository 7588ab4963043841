using System.ComponentModel.DataAnnotations;

namespace Arena.Assistant;

/// <summary>The tool-calling assistant (configuration section <c>Arena:Assistant</c>).</summary>
public sealed class AssistantOptions
{
    public const string Section = "Arena:Assistant";

    /// <summary>
    /// The catalog id of the model that answers. Unset: OpenAI's <see cref="OpenAiModel"/> when the
    /// variable <see cref="OpenAiApiKeyVariable"/> holds a key, otherwise the simulated <c>sim-assistant</c>.
    /// </summary>
    public string? Model { get; set; }

    /// <summary>The OpenAI model used when <see cref="Model"/> is unset and an OpenAI key is present.</summary>
    [Required]
    public string OpenAiModel { get; set; } = "gpt-4o-mini";

    /// <summary>The environment variable that holds the OpenAI key.</summary>
    [Required]
    public string OpenAiApiKeyVariable { get; set; } = "OPENAI_API_KEY";

    /// <summary>The most model rounds in one turn; a turn still asking for tools after that many fails.</summary>
    [Range(1, 50)]
    public int MaxSteps { get; set; } = 6;

    /// <summary>The longest message a user may send.</summary>
    [Range(1, 1_000_000)]
    public int MaxMessageChars { get; set; } = 8000;

    /// <summary>How long one tool may run before the model is told it timed out.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan ToolTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest answer requested from the model in one round, in tokens.</summary>
    [Range(1, 1_000_000)]
    public int MaxOutputTokens { get; set; } = 1024;
}
