namespace Arena.Assistant;

/// <summary>A conversation's stored state. Type and member ids are stored; keep them stable.</summary>
[GenerateSerializer]
public sealed class AssistantState
{
    /// <summary>The session that owns the conversation; set by its first message.</summary>
    [Id(0)]
    public string SessionId { get; set; } = "";

    /// <summary>The model that answered the latest turn.</summary>
    [Id(1)]
    public string Model { get; set; } = "";

    [Id(2)]
    public List<AssistantTurnState> Turns { get; set; } = [];
}

/// <summary>One message and the assistant's work on it.</summary>
[GenerateSerializer]
public sealed class AssistantTurnState
{
    [Id(0)]
    public string Prompt { get; set; } = "";

    [Id(1)]
    public string Category { get; set; } = "";

    [Id(2)]
    public AssistantStatus Status { get; set; }

    [Id(3)]
    public string Text { get; set; } = "";

    [Id(4)]
    public List<ToolStep> Steps { get; set; } = [];

    [Id(5)]
    public string? Error { get; set; }

    [Id(6)]
    public DateTimeOffset StartedAt { get; set; }

    [Id(7)]
    public double? DurationMs { get; set; }
}
