using System.Text.Json;

namespace Arena.Assistant.Tools;

/// <summary>How tool results are written: snake_case JSON, compact.</summary>
public static class ToolJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Wins plus half the ties, per vote; null without votes.</summary>
    public static double? WinRate(int wins, int ties, int votes) => votes == 0 ? null : Math.Round((wins + (ties / 2.0)) / votes, 4);
}
