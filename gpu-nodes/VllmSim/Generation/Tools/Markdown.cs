using System.Globalization;
using System.Text;

namespace VllmSim.Generation.Tools;

/// <summary>Renders JSON tool results as Markdown: scalars as a short list, arrays of records as tables.</summary>
internal static class Markdown
{
    private const int MaxRows = 10;
    private const int MaxColumns = 8;

    /// <summary>The first of <paramref name="keys"/> present with a scalar value, formatted; marks it used.</summary>
    public static string? Find(JsonObject o, string[] keys, HashSet<string> used)
    {
        foreach (var key in keys)
        {
            if (o[key] is JsonValue v && !used.Contains(key))
            {
                used.Add(key);
                return Cell(v);
            }
        }

        return null;
    }

    public static bool HasTable(JsonObject o, HashSet<string> used) =>
        o.Any(p => !used.Contains(p.Key) && p.Value is JsonArray a && a.Any(e => e is JsonObject));

    public static string Body(JsonNode json, HashSet<string> used)
    {
        switch (json)
        {
            case JsonArray array:
                return Block(array, "");
            case JsonObject o:
                var scalars = o.Where(p => !used.Contains(p.Key) && p.Key != "error" && p.Value is JsonValue or null).ToList();
                var blocks = new List<string>();
                if (scalars.Count > 0)
                {
                    blocks.Add(string.Join("\n", scalars.Select(p => $"- **{p.Key}**: {Cell(p.Value)}")));
                }

                foreach (var (key, value) in o.Where(p => !used.Contains(p.Key) && p.Value is JsonArray or JsonObject))
                {
                    blocks.Add(value switch
                    {
                        JsonArray a => Block(a, key),
                        JsonObject inner when inner.All(p => p.Value is JsonObject) => Label(key) + Table([.. inner.Select(p => Row(key, p.Key, p.Value!.AsObject()))], inner.Count),
                        JsonObject inner => $"- **{key}**: " + string.Join(", ", inner.Select(p => $"{p.Key} = {Cell(p.Value)}")),
                        _ => "",
                    });
                }

                return string.Join("\n\n", blocks.Where(b => b.Length > 0));
            default:
                return Cell(json);
        }
    }

    private static JsonObject Row(string keyName, string key, JsonObject values)
    {
        var row = new JsonObject { [keyName] = key };
        foreach (var (k, v) in values)
        {
            row[k] = v?.DeepClone();
        }

        return row;
    }

    private static string Block(JsonArray array, string key)
    {
        if (array.Count == 0)
        {
            return key.Length > 0 ? $"- **{key}**: none" : "No rows.";
        }

        if (array.All(e => e is JsonObject))
        {
            return Label(key) + Table([.. array.Take(MaxRows).Select(e => e!.AsObject())], array.Count);
        }

        var items = string.Join(", ", array.Take(20).Select(Cell)) + (array.Count > 20 ? $", … ({array.Count} in all)" : "");
        return key.Length > 0 ? $"- **{key}**: {items}" : items;
    }

    private static string Label(string key) => key.Length > 0 ? $"**{key}**\n\n" : "";

    private static string Table(IReadOnlyList<JsonObject> rows, int total)
    {
        var headers = rows.SelectMany(r => r.Select(p => p.Key)).Distinct().Take(MaxColumns).ToList();
        var sb = new StringBuilder();
        sb.Append("| ").AppendJoin(" | ", headers.Select(Escape)).Append(" |\n");
        sb.Append('|').AppendJoin('|', headers.Select(_ => " --- ")).Append("|\n");
        foreach (var row in rows.Take(MaxRows))
        {
            sb.Append("| ").AppendJoin(" | ", headers.Select(h => Escape(Cell(row[h])))).Append(" |\n");
        }

        if (total > MaxRows)
        {
            sb.Append("\n(").Append(MaxRows).Append(" of ").Append(total).Append(" rows shown)");
        }

        return sb.ToString().TrimEnd('\n');
    }

    /// <summary>A value as the tool sent it; long decimals are shortened to four places.</summary>
    public static string Cell(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return "";
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                return v.GetValue<string>();
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                var raw = v.ToJsonString();
                var dot = raw.IndexOf('.', StringComparison.Ordinal);
                return dot >= 0 && raw.Length - dot - 1 > 4 && !raw.Contains('e', StringComparison.OrdinalIgnoreCase)
                    && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                    ? d.ToString("0.####", CultureInfo.InvariantCulture)
                    : raw;
            case JsonValue v:
                return v.ToJsonString();
            default:
                var text = node.ToJsonString();
                return text.Length > 60 ? text[..57] + "…" : text;
        }
    }

    private static string Escape(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
