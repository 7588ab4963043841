using System.Text.Json.Nodes;
using Arena.Assistant;

namespace Arena.Datasets.Tools;

/// <summary><c>describe_dataset</c>: the columns, their types and missing counts, the row count and a few sample rows.</summary>
public sealed class DescribeDatasetTool(DatasetTables tables) : DatasetTool(tables)
{
    public const int SampleRows = 3;

    public override string Name => "describe_dataset";

    public override string Description =>
        "Describes an uploaded dataset: its columns with their types (integer, number, boolean, date, text) and missing-value counts, the number of rows, and a few sample rows.";

    protected override IReadOnlyList<string> Parameters => [];

    protected override void AddParameters(ToolContext context, JsonObject properties, JsonArray required)
    {
    }

    protected override void Run(DatasetTable table, ToolArguments args, JsonObject result)
    {
        result["rows"] = table.RowCount;
        result["columns"] = new JsonArray([.. table.Columns.Select(c => new JsonObject
        {
            ["name"] = c.Name,
            ["type"] = ToolJson.TypeName(c.Type),
            ["missing"] = c.Missing,
        })]);
        result["sample_rows"] = ToolJson.Rows(table, Enumerable.Range(0, Math.Min(SampleRows, table.RowCount)));
    }
}
