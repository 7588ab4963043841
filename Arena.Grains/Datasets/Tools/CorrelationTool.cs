using System.Text.Json.Nodes;
using Arena.Assistant;

namespace Arena.Datasets.Tools;

/// <summary><c>correlation</c>: Pearson's r between two numeric columns, over the rows where both have a value.</summary>
public sealed class CorrelationTool(DatasetTables tables) : DatasetTool(tables)
{
    public override string Name => "correlation";

    public override string Description =>
        "Computes the Pearson correlation coefficient r between two numeric columns of a dataset, using the rows where both have a value, and reports how many pairs were used.";

    protected override IReadOnlyList<string> Parameters => ["x", "y"];

    protected override void AddParameters(ToolContext context, JsonObject properties, JsonArray required)
    {
        properties["x"] = ColumnParameter(context, "The first numeric column.", IsNumeric);
        properties["y"] = ColumnParameter(context, "The second numeric column.", IsNumeric);
        required.Add("x");
        required.Add("y");
    }

    protected override void Run(DatasetTable table, ToolArguments args, JsonObject result)
    {
        var x = Column(table, "x", args.RequiredText("x", "the first numeric column"), numeric: true);
        var y = Column(table, "y", args.RequiredText("y", "the second numeric column"), numeric: true);
        var xs = new List<double>();
        var ys = new List<double>();
        for (var r = 0; r < table.RowCount; r++)
        {
            if (!x.IsMissing(r) && !y.IsMissing(r))
            {
                xs.Add(x.Number(r));
                ys.Add(y.Number(r));
            }
        }

        if (xs.Count < 3)
        {
            throw new ToolException($"Only {xs.Count} rows have values in both '{x.Name}' and '{y.Name}'; a correlation needs at least 3.");
        }

        var r2 = Statistics.Pearson(xs, ys);
        if (double.IsNaN(r2))
        {
            var constant = Statistics.StandardDeviation(xs) == 0 ? x.Name : y.Name;
            throw new ToolException($"Column '{constant}' has the same value in every row used, so the correlation is undefined.");
        }

        result["x"] = x.Name;
        result["y"] = y.Name;
        result["r"] = Math.Round(r2, 4);
        result["n"] = xs.Count;
    }
}
