using VllmSim.Protocol;

namespace VllmSim.Generation.Tools;

/// <summary>One parameter of a tool's JSON schema: its allowed types and enum values.</summary>
internal sealed record ParameterSpec(string Name, IReadOnlyList<string> Types, IReadOnlyList<JsonElement> Enum, JsonElement Schema)
{
    /// <summary>The enum's string values, in schema order.</summary>
    public IReadOnlyList<string> EnumStrings { get; } = [.. Enum.Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)];

    public bool Allows(string type) => Types.Count == 0 || Types.Contains(type);

    /// <summary>The schema of an array's items, when this parameter is an array of objects.</summary>
    public ToolSpec? Items(string owner) =>
        Schema.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Object
            ? ToolSpec.FromSchema(owner + "." + Name, "", items)
            : null;

    public static ParameterSpec From(string name, JsonElement schema)
    {
        var types = new List<string>();
        if (schema.TryGetProperty("type", out var t))
        {
            if (t.ValueKind == JsonValueKind.String)
            {
                types.Add(t.GetString()!);
            }
            else if (t.ValueKind == JsonValueKind.Array)
            {
                types.AddRange(t.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!));
            }
        }

        foreach (var variant in new[] { "anyOf", "oneOf" })
        {
            if (schema.TryGetProperty(variant, out var options) && options.ValueKind == JsonValueKind.Array)
            {
                types.AddRange(options.EnumerateArray().Select(o => From(name, o)).SelectMany(p => p.Types));
            }
        }

        var values = schema.TryGetProperty("enum", out var e) && e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().Select(v => v.Clone()).ToList() : [];
        return new ParameterSpec(name, types, values, schema.Clone());
    }
}

/// <summary>A tool offered in the request, with its parameters read from the JSON schema.</summary>
internal sealed class ToolSpec(string name, string description, IReadOnlyList<ParameterSpec> parameters, IReadOnlySet<string> required)
{
    public string Name => name;

    public string Description => description;

    public IReadOnlyList<ParameterSpec> Parameters => parameters;

    public IReadOnlySet<string> Required => required;

    public ParameterSpec? Parameter(string parameterName) => parameters.FirstOrDefault(p => p.Name == parameterName);

    public static ToolSpec From(ToolDefinition tool) =>
        tool.Parameters is { } schema ? FromSchema(tool.Name, tool.Description, schema) : new ToolSpec(tool.Name, tool.Description, [], new HashSet<string>());

    public static ToolSpec FromSchema(string name, string description, JsonElement schema)
    {
        var parameters = new List<ParameterSpec>();
        if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            parameters.AddRange(properties.EnumerateObject().Select(p => ParameterSpec.From(p.Name, p.Value)));
        }

        var required = schema.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array
            ? r.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToHashSet()
            : [];
        return new ToolSpec(name, description, parameters, required);
    }
}
