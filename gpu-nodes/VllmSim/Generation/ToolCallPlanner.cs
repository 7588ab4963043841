using System.Globalization;
using System.Text.RegularExpressions;
using VllmSim.Protocol;

namespace VllmSim.Generation;

/// <summary>
/// The fallback for tools the simulator has no special knowledge of: picks the tool whose name and description
/// share the most words with the user's message, and fills its arguments naively.
/// </summary>
internal static partial class ToolCallPlanner
{
    /// <summary>The best-matching tool's call; with <paramref name="required"/>, some tool even when none matches.</summary>
    public static PlannedToolCall? Best(IReadOnlyList<ToolDefinition> tools, bool required, string userMessage)
    {
        if (tools.Count == 0)
        {
            return null;
        }

        var words = Words(userMessage).ToHashSet();
        var best = tools.Select(t => (Tool: t, Score: Score(t, words))).OrderByDescending(s => s.Score).First();
        return best.Score > 0 || required ? For(best.Tool, userMessage) : null;
    }

    /// <summary>A call of one given tool, its arguments filled from the message.</summary>
    public static PlannedToolCall For(ToolDefinition tool, string userMessage) =>
        new(tool.Name, Generation.Tools.PythonJson.Dumps(JsonNode.Parse(Arguments(tool, userMessage))));

    /// <summary>Fills the required parameters an argument object lacks with plausible values.</summary>
    public static void FillRequired(ToolDefinition tool, JsonObject args, string userMessage)
    {
        if (tool.Parameters is not { } schema || !schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object
            || !schema.TryGetProperty("required", out var required) || required.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var name in required.EnumerateArray().Select(e => e.GetString()).OfType<string>())
        {
            if (!args.ContainsKey(name) && properties.TryGetProperty(name, out var property))
            {
                args[name] = ValueFor(name, property, userMessage);
            }
        }
    }

    private static int Score(ToolDefinition tool, HashSet<string> words)
    {
        var nameWords = Words(SplitName(tool.Name)).ToList();
        var descriptionWords = Words(tool.Description).Where(w => w.Length > 3).Distinct();
        return (3 * nameWords.Count(w => w.Length > 2 && Matches(words, w))) + descriptionWords.Count(w => Matches(words, w));
    }

    // "weather" matches "weather"; "forecasts" matches "forecast" (shared stem of 5+ letters).
    private static bool Matches(HashSet<string> words, string word) =>
        words.Contains(word) || (word.Length >= 5 && words.Any(w => w.Length >= 5 && (w.StartsWith(word[..5], StringComparison.Ordinal))));

    private static string Arguments(ToolDefinition tool, string message)
    {
        var args = new JsonObject();
        if (tool.Parameters is not { } schema || !schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return args.ToJsonString();
        }

        var required = schema.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array
            ? r.EnumerateArray().Select(e => e.GetString()).ToHashSet()
            : [];
        foreach (var property in properties.EnumerateObject())
        {
            if (required.Count > 0 && !required.Contains(property.Name))
            {
                continue;
            }

            args[property.Name] = ValueFor(property.Name, property.Value, message);
        }

        return args.ToJsonString();
    }

    private static JsonNode? ValueFor(string name, JsonElement schema, string message)
    {
        var type = schema.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : "string";
        if (schema.TryGetProperty("enum", out var options) && options.ValueKind == JsonValueKind.Array && options.GetArrayLength() > 0)
        {
            var values = options.EnumerateArray().ToList();
            var mentioned = values.FirstOrDefault(v => v.ValueKind == JsonValueKind.String
                && message.Contains(v.GetString() ?? "\u0000", StringComparison.OrdinalIgnoreCase));
            return JsonNode.Parse((mentioned.ValueKind == JsonValueKind.Undefined ? values[0] : mentioned).GetRawText());
        }

        var number = Number().Match(message);
        return type switch
        {
            "integer" => number.Success ? (int)Math.Round(double.Parse(number.Value, CultureInfo.InvariantCulture)) : 1,
            "number" => number.Success ? double.Parse(number.Value, CultureInfo.InvariantCulture) : 1.0,
            "boolean" => false,
            "array" => new JsonArray(),
            "object" => new JsonObject(),
            _ => StringFor(name, message),
        };
    }

    private static string StringFor(string name, string message)
    {
        var lower = name.ToLowerInvariant();
        if (lower is "location" or "city" or "place" or "country" or "destination" or "where")
        {
            var place = Place().Match(message);
            if (place.Success)
            {
                return place.Groups["place"].Value.Trim();
            }

            var capitalised = Capitalised().Matches(message).Select(m => m.Value).Skip(1).FirstOrDefault();
            return capitalised ?? "unknown";
        }

        if (lower.Contains("unit", StringComparison.Ordinal))
        {
            return message.Contains("fahrenheit", StringComparison.OrdinalIgnoreCase) ? "fahrenheit" : "celsius";
        }

        var text = message.Trim();
        return text.Length > 200 ? text[..200] : text;
    }

    private static IEnumerable<string> Words(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value);

    private static string SplitName(string name) => CamelBoundary().Replace(name, " ").Replace('_', ' ').Replace('-', ' ');

    [GeneratedRegex(@"[\p{L}\p{N}]+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"(?<=[a-z])(?=[A-Z])", RegexOptions.CultureInvariant)]
    private static partial Regex CamelBoundary();

    [GeneratedRegex(@"-?\d+(?:\.\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex Number();

    [GeneratedRegex(@"\b(?:in|at|for|to|near)\s+(?<place>\p{Lu}[\p{L}'-]*(?:[ ,]+\p{Lu}[\p{L}'-]*)*)", RegexOptions.CultureInvariant)]
    private static partial Regex Place();

    [GeneratedRegex(@"\b\p{Lu}[\p{L}'-]+", RegexOptions.CultureInvariant)]
    private static partial Regex Capitalised();
}
