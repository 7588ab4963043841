using System.Text.Json.Nodes;
using Arena.Assistant;

namespace Arena.Datasets.Tools;

/// <summary><c>missing_values</c>: per column, how many rows lack a value and what share of the rows that is.</summary>
public sealed class MissingValuesTool(DatasetTables tables) : DatasetTool(tables)
{
    public override string Name => "missing_values";

    public override string Description =>
        "Counts missing values (empty, NA, N/A, null, NaN) per column of a dataset, with each column's share of rows missing and how many rows are complete.";

    protected override IReadOnlyList<string> Parameters => [];

    protected override void AddParameters(ToolContext context, JsonObject properties, JsonArray required)
    {
    }

    protected override void Run(DatasetTable table, ToolArguments args, JsonObject result)
    {
        var complete = Enumerable.Range(0, table.RowCount).Count(r => table.Columns.All(c => !c.IsMissing(r)));
        result["rows"] = table.RowCount;
        result["complete_rows"] = complete;
        result["total_missing"] = table.Columns.Sum(c => (long)c.Missing);
        result["columns"] = new JsonArray([.. table.Columns.Select(c => new JsonObject
        {
            ["name"] = c.Name,
            ["missing"] = c.Missing,
            ["share"] = Math.Round((double)c.Missing / table.RowCount, 4),
        })]);
    }
}
