using System.Globalization;
using System.Text.Json;
using Arena.Assistant;

namespace Arena.Datasets.Tools;

/// <summary>A tool call's arguments: a JSON object with only the tool's parameters, read with clear refusals.</summary>
public sealed class ToolArguments
{
    private readonly JsonElement _json;

    public ToolArguments(JsonElement json, IReadOnlyCollection<string> parameters)
    {
        if (json.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            json = JsonDocument.Parse("{}").RootElement;
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new ToolException($"The arguments must be a JSON object with the parameters {Listing(parameters)}.");
        }

        foreach (var property in json.EnumerateObject())
        {
            if (!parameters.Contains(property.Name))
            {
                throw new ToolException($"Unknown parameter '{property.Name}'; this tool takes {Listing(parameters)}.");
            }
        }

        _json = json;
    }

    /// <summary>The argument as text (numbers and booleans as written), or null when absent.</summary>
    public string? Text(string name)
    {
        if (!_json.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => throw new ToolException($"Parameter '{name}' must be a string, not {value.ValueKind.ToString().ToLowerInvariant()}."),
        };
    }

    public string RequiredText(string name, string what) =>
        Text(name) is { Length: > 0 } text ? text : throw new ToolException($"Parameter '{name}' is required: {what}.");

    /// <summary>An integer argument (a JSON number or a numeric string) within bounds, or the default when absent.</summary>
    public int Integer(string name, int fallback, int min, int max)
    {
        if (Text(name) is not { } text)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new ToolException($"Parameter '{name}' must be a whole number from {min} to {max}; got {text}.");
        }

        return value;
    }

    /// <summary>One of <paramref name="allowed"/> (any case), or the default when absent.</summary>
    public string Choice(string name, IReadOnlyList<string> allowed, string fallback)
    {
        if (Text(name) is not { } text)
        {
            return fallback;
        }

        return allowed.FirstOrDefault(a => string.Equals(a, text.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new ToolException($"Parameter '{name}' must be one of {Listing(allowed)}; got '{text}'.");
    }

    public JsonElement? Element(string name) =>
        _json.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static string Listing(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
