using System.Text.Json.Nodes;

namespace Arena.Assistant.Tools;

/// <summary>Builds the JSON schema of a tool's arguments: an object of string properties, some of them enums.</summary>
public sealed class ToolSchema
{
    private readonly JsonObject _properties = [];
    private readonly JsonArray _required = [];

    public ToolSchema String(string name, string description, IEnumerable<string>? choices = null, bool required = false)
    {
        var property = new JsonObject { ["type"] = "string", ["description"] = description };
        if (choices is not null)
        {
            property["enum"] = new JsonArray(choices.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray());
        }

        _properties[name] = property;
        if (required)
        {
            _required.Add(name);
        }

        return this;
    }

    public BinaryData Build() => BinaryData.FromString(new JsonObject
    {
        ["type"] = "object",
        ["properties"] = _properties.DeepClone(),
        ["required"] = _required.DeepClone(),
        ["additionalProperties"] = false,
    }.ToJsonString());
}
