using System.Text.Json;
using System.Text.Json.Nodes;
using Arena.Assistant;
using Arena.Sessions;

namespace Arena.Datasets.Tools;

/// <summary>
/// <c>filter_count</c>: how many rows meet every condition (column, operator, value), with the first few
/// of them. Numbers, dates and booleans compare as such, text ignoring case; a missing cell meets no condition.
/// </summary>
public sealed class FilterCountTool(DatasetTables tables) : DatasetTool(tables)
{
    public const int MaxConditions = 10;

    /// <summary>Matching rows listed in the result.</summary>
    public const int SampleRows = 5;

    public static readonly IReadOnlyList<string> Operators = ["=", "!=", ">", ">=", "<", "<=", "contains"];

    public override string Name => "filter_count";

    public override string Description =>
        "Counts the rows of a dataset that meet all the given conditions and shows the first few. Each condition has a column, an operator (= != > >= < <= contains) and a value; numbers, dates (ISO 8601) and booleans compare as such, text ignores case, and 'contains' looks for the value inside the cell's text. Missing cells meet no condition.";

    protected override IReadOnlyList<string> Parameters => ["conditions"];

    protected override void AddParameters(ToolContext context, JsonObject properties, JsonArray required)
    {
        properties["conditions"] = new JsonObject
        {
            ["type"] = "array",
            ["description"] = "Conditions that must all hold.",
            ["minItems"] = 1,
            ["maxItems"] = MaxConditions,
            ["items"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["column"] = ColumnParameter(context, "The column to test."),
                    ["op"] = new JsonObject { ["type"] = "string", ["enum"] = Strings(Operators) },
                    ["value"] = new JsonObject { ["type"] = Strings("string", "number", "boolean"), ["description"] = "The value to compare with." },
                },
                ["required"] = Strings("column", "op", "value"),
                ["additionalProperties"] = false,
            },
        };
        required.Add("conditions");
    }

    protected override void Run(DatasetTable table, ToolArguments args, JsonObject result)
    {
        if (args.Element("conditions") is not { ValueKind: JsonValueKind.Array } conditions || conditions.GetArrayLength() == 0)
        {
            throw new ToolException("Parameter 'conditions' is required: a list of {\"column\", \"op\", \"value\"} objects, e.g. [{\"column\": \"price\", \"op\": \">\", \"value\": 10}].");
        }

        if (conditions.GetArrayLength() > MaxConditions)
        {
            throw new ToolException($"At most {MaxConditions} conditions are allowed; got {conditions.GetArrayLength()}.");
        }

        var tests = new List<Func<int, bool>>();
        var echo = new JsonArray();
        var index = 0;
        foreach (var condition in conditions.EnumerateArray())
        {
            var (test, described) = Condition(table, condition, index++);
            tests.Add(test);
            echo.Add(described);
        }

        var matching = Enumerable.Range(0, table.RowCount).Where(r => tests.All(t => t(r))).ToArray();
        result["conditions"] = echo;
        result["matching"] = matching.Length;
        result["total"] = table.RowCount;
        result["rows"] = ToolJson.Rows(table, matching.Take(SampleRows));
    }

    private static (Func<int, bool> Test, JsonObject Described) Condition(DatasetTable table, JsonElement condition, int index)
    {
        var where = $"conditions[{index}]";
        if (condition.ValueKind != JsonValueKind.Object)
        {
            throw new ToolException($"{where} must be an object with column, op and value.");
        }

        var args = new ToolArguments(condition, ["column", "op", "value"]);
        var column = Column(table, $"{where}.column", args.RequiredText("column", $"the column {where} tests"));
        var op = args.Text("op") is null
            ? throw new ToolException($"{where}.op is required: one of {ToolArguments.Listing(Operators)}.")
            : args.Choice("op", Operators, "=");
        var value = args.Text("value") ?? throw new ToolException($"{where}.value is required.");
        var described = new JsonObject { ["column"] = column.Name, ["op"] = op, ["value"] = value };
        if (op == "contains")
        {
            return (r => !column.IsMissing(r) && column.Text(r).Contains(value.Trim(), StringComparison.OrdinalIgnoreCase), described);
        }

        Func<int, int> compare = column.Type switch
        {
            ColumnType.Integer or ColumnType.Number => CellParsing.TryNumber(value, out var number)
                ? r => column.Number(r).CompareTo(number)
                : throw new ToolException($"Column '{column.Name}' holds numbers; {where}.value '{value}' is not a number."),
            ColumnType.Boolean when op is not ("=" or "!=") =>
                throw new ToolException($"Column '{column.Name}' holds true/false values; use = or != with it."),
            ColumnType.Boolean => CellParsing.TryBoolean(value, out var flag)
                ? r => column.Boolean(r) == flag ? 0 : 1
                : throw new ToolException($"Column '{column.Name}' holds true/false values; {where}.value '{value}' is neither."),
            ColumnType.Date => CellParsing.TryDate(value, out var date)
                ? r => column.Date(r).CompareTo(date)
                : throw new ToolException($"Column '{column.Name}' holds dates; {where}.value '{value}' is not an ISO 8601 date such as 2024-03-01."),
            _ => r => StringComparer.OrdinalIgnoreCase.Compare(column.Text(r), value.Trim()),
        };

        Func<int, bool> holds = op switch
        {
            "=" => c => c == 0,
            "!=" => c => c != 0,
            ">" => c => c > 0,
            ">=" => c => c >= 0,
            "<" => c => c < 0,
            _ => c => c <= 0,
        };
        return (r => !column.IsMissing(r) && holds(compare(r)), described);
    }
}
