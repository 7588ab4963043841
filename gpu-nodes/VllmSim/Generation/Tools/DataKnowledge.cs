using System.Text.RegularExpressions;
using VllmSim.Protocol;

namespace VllmSim.Generation.Tools;

/// <summary>
/// What the model knows of the session's data: dataset and column names (from the tools' enums), column
/// types (from the system prompt and from any <c>describe_dataset</c> result), and whether it has seen a schema.
/// </summary>
internal sealed partial class DataKnowledge
{
    private static readonly string[] ColumnParameters = ["column", "by", "x", "y"];
    private readonly Dictionary<string, string> _types = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _columns;

    private DataKnowledge(IReadOnlyList<string> datasets, List<string> columns)
    {
        Datasets = datasets;
        _columns = columns;
    }

    public IReadOnlyList<string> Datasets { get; }

    /// <summary>Column names from the tools' enums, then any a schema result revealed.</summary>
    public IReadOnlyList<string> Columns => _columns;

    /// <summary>A <c>describe_dataset</c> result has come back in this conversation.</summary>
    public bool SchemaSeen { get; private set; }

    /// <summary>True for a numeric column, false for a non-numeric one, null when its type is unknown.</summary>
    public bool? IsNumeric(string column) =>
        _types.TryGetValue(column, out var type) ? NumericTypes().IsMatch(type) : null;

    /// <summary>The numeric columns in schema order (or, with no types known, every column).</summary>
    public IEnumerable<string> NumericColumns() => Columns.Where(c => IsNumeric(c) ?? true);

    public static DataKnowledge From(ChatRequest request, IReadOnlyList<ToolSpec> tools, IReadOnlyList<ToolTurn.Step> history)
    {
        var datasets = tools.Select(t => t.Parameter("dataset")).OfType<ParameterSpec>().SelectMany(p => p.EnumStrings).Distinct().ToList();
        var columns = new List<string>();
        foreach (var tool in tools)
        {
            var conditions = tool.Parameter("conditions")?.Items(tool.Name);
            foreach (var parameter in tool.Parameters.Concat(conditions?.Parameters ?? []).Where(p => ColumnParameters.Contains(p.Name)))
            {
                columns.AddRange(parameter.EnumStrings.Where(c => !columns.Contains(c)));
            }
        }

        var knowledge = new DataKnowledge(datasets, columns);
        foreach (var system in request.Messages.Where(m => m.Role is "system" or "developer"))
        {
            knowledge.ReadTypes(system.Content);
        }

        foreach (var step in history.Where(s => s.Call.Name == ArenaTools.DescribeDataset && s.Result is { IsError: false }))
        {
            knowledge.SchemaSeen = true;
            if (step.Result!.Json is { } json)
            {
                knowledge.ReadTypes(json);
            }
        }

        return knowledge;
    }

    // "price (Number)", "price: integer", "`price` [Text, 2 missing]" in the system prompt.
    private void ReadTypes(string prompt)
    {
        foreach (var column in Columns)
        {
            var pattern = new Regex(@"(?<![\p{L}\p{N}_])[`'""]?" + Regex.Escape(column) + @"[`'""]?\s*[(:\[\-–]\s*[`'""]?(?<type>[A-Za-z]+)", RegexOptions.CultureInvariant);
            if (pattern.Match(prompt) is { Success: true } m && KnownTypes().IsMatch(m.Groups["type"].Value))
            {
                _types[column] = m.Groups["type"].Value;
            }
        }
    }

    // Any object with a string "name" and a string "type" describes a column; so does "columns": {"name": "type"}.
    private void ReadTypes(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["name"] is JsonValue n && n.TryGetValue<string>(out var name) && o["type"] is JsonValue t && t.TryGetValue<string>(out var type))
                {
                    Learn(name, type);
                }

                if (o["columns"] is JsonObject map)
                {
                    foreach (var (column, value) in map)
                    {
                        if (value is JsonValue v && v.TryGetValue<string>(out var columnType))
                        {
                            Learn(column, columnType);
                        }
                    }
                }

                foreach (var (_, child) in o)
                {
                    if (child is not null)
                    {
                        ReadTypes(child);
                    }
                }

                break;
            case JsonArray a:
                foreach (var child in a.OfType<JsonNode>())
                {
                    ReadTypes(child);
                }

                break;
        }
    }

    private void Learn(string column, string type)
    {
        if (!KnownTypes().IsMatch(type))
        {
            return;
        }

        _types[column] = type;
        if (!_columns.Contains(column, StringComparer.OrdinalIgnoreCase))
        {
            _columns.Add(column);
        }
    }

    [GeneratedRegex(@"^(?:integer|int|int32|int64|long|number|numeric|float|double|decimal|real)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NumericTypes();

    [GeneratedRegex(@"^(?:integer|int|int32|int64|long|number|numeric|float|double|decimal|real|text|string|str|boolean|bool|date|datetime|timestamp|category|categorical)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KnownTypes();
}
