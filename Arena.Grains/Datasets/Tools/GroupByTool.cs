using System.Globalization;
using System.Text.Json.Nodes;
using Arena.Assistant;
using Arena.Numerics;
using Arena.Sessions;

namespace Arena.Datasets.Tools;

/// <summary>
/// <c>group_by</c>: the rows grouped by one column's values, with an aggregate (count, sum, mean, median,
/// min, max) of another column per group, largest first.
/// </summary>
public sealed class GroupByTool(DatasetTables tables) : DatasetTool(tables)
{
    /// <summary>Groups listed in the result; the rest are counted in <c>group_count</c>.</summary>
    public const int MaxGroups = 50;

    public static readonly IReadOnlyList<string> Aggregates = ["count", "sum", "mean", "median", "min", "max"];

    public override string Name => "group_by";

    public override string Description =>
        $"Groups the rows of a dataset by the values of one column ('by') and aggregates another column per group with count, sum, mean, median, min or max (all but count need a numeric column). Groups come largest value first; at most {MaxGroups} are listed.";

    protected override IReadOnlyList<string> Parameters => ["by", "column", "agg"];

    protected override void AddParameters(ToolContext context, JsonObject properties, JsonArray required)
    {
        properties["by"] = ColumnParameter(context, "The column whose values form the groups.");
        properties["column"] = ColumnParameter(context, "The column to aggregate; numeric for sum, mean, median, min and max. With count, leave out to count rows.");
        properties["agg"] = new JsonObject
        {
            ["type"] = "string",
            ["enum"] = Strings(Aggregates),
            ["description"] = "The aggregate; count when left out.",
        };
        required.Add("by");
    }

    protected override void Run(DatasetTable table, ToolArguments args, JsonObject result)
    {
        var by = Column(table, "by", args.RequiredText("by", "the column whose values form the groups"));
        var agg = args.Choice("agg", Aggregates, "count");
        var columnName = args.Text("column");
        if (columnName is null && agg != "count")
        {
            throw new ToolException($"Parameter 'column' is required with agg '{agg}': name the numeric column to aggregate.");
        }

        var column = columnName is null ? null : Column(table, "column", columnName, numeric: agg != "count");
        var groups = Enumerable.Range(0, table.RowCount)
            .GroupBy(r => Key(by, r), StringComparer.Ordinal)
            .Select(g => (First: g.First(), Rows: g.Count(), Value: Aggregate(agg, column, g)))
            .OrderByDescending(g => double.IsNaN(g.Value) ? double.NegativeInfinity : g.Value)
            .ThenBy(g => Key(by, g.First), StringComparer.Ordinal)
            .ToArray();

        result["by"] = by.Name;
        result["agg"] = agg;
        result["column"] = column?.Name;
        result["group_count"] = groups.Length;
        result["groups"] = new JsonArray([.. groups.Take(MaxGroups).Select(g => new JsonObject
        {
            ["key"] = ToolJson.Cell(by, g.First),
            ["value"] = ToolJson.Number(g.Value),
            ["rows"] = g.Rows,
        })]);
        result["truncated"] = groups.Length > MaxGroups;
    }

    /// <summary>The group a row falls in: numbers, booleans and dates by value, text as written, missing cells together.</summary>
    private static string Key(TableColumn by, int row)
    {
        if (by.IsMissing(row))
        {
            return "";
        }

        return by.Type switch
        {
            ColumnType.Integer or ColumnType.Number => "n" + by.Number(row).ToString("R", CultureInfo.InvariantCulture),
            ColumnType.Boolean => by.Boolean(row) ? "btrue" : "bfalse",
            ColumnType.Date => "d" + by.Date(row).UtcTicks.ToString(CultureInfo.InvariantCulture),
            _ => "t" + by.Text(row),
        };
    }

    private static double Aggregate(string agg, TableColumn? column, IEnumerable<int> rows)
    {
        if (column is null)
        {
            return rows.Count();
        }

        var present = rows.Where(r => !column.IsMissing(r)).ToArray();
        if (agg == "count")
        {
            return present.Length;
        }

        var values = present.Select(column.Number).ToArray();
        if (values.Length == 0)
        {
            return double.NaN;
        }

        Array.Sort(values);
        return agg switch
        {
            "sum" => values.Sum(),
            "mean" => Statistics.Mean(values),
            "median" => Quantile.Of(values, 0.5),
            "min" => values[0],
            _ => values[^1],
        };
    }
}
