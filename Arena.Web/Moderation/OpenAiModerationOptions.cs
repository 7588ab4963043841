namespace Arena.Web.Moderation;

/// <summary>OpenAI's moderation endpoint (configuration section <c>Arena:Moderation:OpenAi</c>), used when its key variable holds a key.</summary>
public sealed class OpenAiModerationOptions
{
    public const string Section = ModerationOptions.Section + ":OpenAi";

    /// <summary>False turns the OpenAI check off even when a key is present.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The environment variable that holds the OpenAI key; the check runs only when it is set.</summary>
    public string ApiKeyVariable { get; set; } = "OPENAI_API_KEY";

    /// <summary>The API's base address; requests go to <c>{BaseUrl}/v1/moderations</c>.</summary>
    public string BaseUrl { get; set; } = "https://api.openai.com";

    /// <summary>The moderation model.</summary>
    public string Model { get; set; } = "omni-moderation-latest";

    /// <summary>How long one check may take before it counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The key, when the check is on and its variable is set; otherwise null.</summary>
    public string? ReadApiKey() =>
        Enabled && !string.IsNullOrWhiteSpace(ApiKeyVariable) && Environment.GetEnvironmentVariable(ApiKeyVariable) is { Length: > 0 } key
            ? key
            : null;
}
