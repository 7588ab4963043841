using System.Text.Json;

namespace Arena.Assistant.Tools;

/// <summary>Reads a tool's JSON arguments, refusing missing or mistyped ones with a <see cref="ToolException"/>.</summary>
public readonly struct ToolArguments(JsonElement arguments)
{
    public string? OptionalString(string name)
    {
        if (!arguments.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? (string.IsNullOrWhiteSpace(value.GetString()) ? null : value.GetString()!.Trim())
            : throw new ToolException($"'{name}' must be a string.");
    }

    public string RequiredString(string name) =>
        OptionalString(name) ?? throw new ToolException($"'{name}' is required.");
}
