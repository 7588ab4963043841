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

    /// <summary><see cref="Ratings.WinRate"/>, rounded to four places for a tool's answer.</summary>
    public static double? WinRate(int wins, int ties, int votes) => Ratings.WinRate.Of(wins, ties, votes) is { } rate ? Math.Round(rate, 4) : null;
}
