using System.Text.Json.Nodes;
using Arena.Assistant;
using Arena.Numerics;
using Arena.Sessions;

namespace Arena.Datasets.Tools;

/// <summary>
/// <c>column_stats</c>: summary statistics of one column or of every column: count and missing; for
/// numbers mean, standard deviation, min, quartiles and max; otherwise distinct values and the most common ones.
/// </summary>
public sealed class ColumnStatsTool(DatasetTables tables) : DatasetTool(tables)
{
    /// <summary>Columns described when no column is named.</summary>
    public const int MaxColumns = 25;

    /// <summary>Most common values listed for a non-numeric column.</summary>
    public const int TopValues = 5;

    public override string Name => "column_stats";

    public override string Description =>
        "Summary statistics per column of a dataset: count and missing; for numeric columns mean, standard deviation (sample), min, quartiles (q1, median, q3) and max; for other columns the number of distinct values and the most common ones. Name a column to describe only that one.";

    protected override IReadOnlyList<string> Parameters => ["column"];

    protected override void AddParameters(ToolContext context, JsonObject properties, JsonArray required) =>
        properties["column"] = ColumnParameter(context, "The column to describe; leave out for every column.");

    protected override void Run(DatasetTable table, ToolArguments args, JsonObject result)
    {
        IReadOnlyList<TableColumn> columns = args.Text("column") is { } name ? [Column(table, "column", name)] : table.Columns;
        result["rows"] = table.RowCount;
        result["columns"] = new JsonArray([.. columns.Take(MaxColumns).Select(Describe)]);
        if (columns.Count > MaxColumns)
        {
            result["truncated"] = true;
            result["note"] = $"Only the first {MaxColumns} of {columns.Count} columns are described; name a column for the others.";
        }
    }

    private static JsonObject Describe(TableColumn column)
    {
        var stats = new JsonObject
        {
            ["name"] = column.Name,
            ["type"] = ToolJson.TypeName(column.Type),
            ["count"] = column.Count - column.Missing,
            ["missing"] = column.Missing,
        };
        if (column.IsNumeric)
        {
            var values = column.Numbers();
            Array.Sort(values);
            stats["mean"] = ToolJson.Number(Statistics.Mean(values));
            stats["std"] = ToolJson.Number(Statistics.StandardDeviation(values));
            stats["min"] = ToolJson.Number(values.Length > 0 ? values[0] : double.NaN);
            stats["q1"] = ToolJson.Number(Quantile.Of(values, 0.25));
            stats["median"] = ToolJson.Number(Quantile.Of(values, 0.5));
            stats["q3"] = ToolJson.Number(Quantile.Of(values, 0.75));
            stats["max"] = ToolJson.Number(values.Length > 0 ? values[^1] : double.NaN);
            return stats;
        }

        var present = Enumerable.Range(0, column.Count).Where(r => !column.IsMissing(r)).ToArray();
        var counts = present.GroupBy(r => Key(column, r), StringComparer.Ordinal)
            .Select(g => (Value: g.Key, Count: g.Count()))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Value, StringComparer.Ordinal)
            .ToArray();
        stats["distinct"] = counts.Length;
        stats["top"] = new JsonArray([.. counts.Take(TopValues).Select(g => new JsonObject { ["value"] = g.Value, ["count"] = g.Count })]);
        if (column.Type == ColumnType.Date && present.Length > 0)
        {
            stats["min"] = column.Text(present.MinBy(column.Date));
            stats["max"] = column.Text(present.MaxBy(column.Date));
        }

        return stats;
    }

    /// <summary>Booleans count together however they were written (true, yes, TRUE); other values as written.</summary>
    private static string Key(TableColumn column, int row) =>
        column.Type == ColumnType.Boolean ? (column.Boolean(row) ? "true" : "false") : column.Text(row);
}
