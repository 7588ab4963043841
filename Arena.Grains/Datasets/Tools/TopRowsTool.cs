using System.Text.Json.Nodes;
using Arena.Assistant;

namespace Arena.Datasets.Tools;

/// <summary><c>top_rows</c>: the N rows with the largest (or smallest) values of a column; missing cells are left out.</summary>
public sealed class TopRowsTool(DatasetTables tables) : DatasetTool(tables)
{
    public const int DefaultRows = 5;

    public static readonly IReadOnlyList<string> Orders = ["desc", "asc"];

    public override string Name => "top_rows";

    public override string Description =>
        $"Returns the rows of a dataset with the largest (order desc, the default) or smallest (asc) values of a column, n rows (1 to {ToolJson.MaxRows}, default {DefaultRows}). Rows missing that column's value are left out.";

    protected override IReadOnlyList<string> Parameters => ["column", "n", "order"];

    protected override void AddParameters(ToolContext context, JsonObject properties, JsonArray required)
    {
        properties["column"] = ColumnParameter(context, "The column to sort by.");
        properties["n"] = new JsonObject
        {
            ["type"] = "integer",
            ["minimum"] = 1,
            ["maximum"] = ToolJson.MaxRows,
            ["description"] = $"How many rows; {DefaultRows} when left out.",
        };
        properties["order"] = new JsonObject { ["type"] = "string", ["enum"] = Strings(Orders), ["description"] = "desc (largest first, the default) or asc." };
        required.Add("column");
    }

    protected override void Run(DatasetTable table, ToolArguments args, JsonObject result)
    {
        var column = Column(table, "column", args.RequiredText("column", "the column to sort by"));
        var n = args.Integer("n", DefaultRows, 1, ToolJson.MaxRows);
        var order = args.Choice("order", Orders, "desc");
        var present = Enumerable.Range(0, table.RowCount).Where(r => !column.IsMissing(r)).ToArray();

        // Stable: equal values keep file order in either direction.
        var sorted = order == "desc"
            ? present.Order(Comparer<int>.Create((a, b) => column.CompareRows(b, a) is var c and not 0 ? c : a.CompareTo(b)))
            : present.Order(Comparer<int>.Create((a, b) => column.CompareRows(a, b) is var c and not 0 ? c : a.CompareTo(b)));

        result["column"] = column.Name;
        result["order"] = order;
        result["n"] = n;
        result["rows"] = ToolJson.Rows(table, sorted.Take(n));
    }
}
