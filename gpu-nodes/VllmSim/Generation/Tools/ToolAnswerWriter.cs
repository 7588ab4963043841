using System.Globalization;
using static VllmSim.Generation.Tools.ArenaTools;

namespace VllmSim.Generation.Tools;

/// <summary>
/// Writes the final answer of a tool-using turn from the tool results: a short sentence per result with its
/// key numbers as sent, Markdown tables for lists of records, and plain words for errors.
/// </summary>
internal static class ToolAnswerWriter
{
    public static string Write(ToolTurn turn, IReadOnlyList<ToolIntent> intents, DataKnowledge data)
    {
        var steps = turn.Current.Where(s => s.Result is not null).ToList();
        var answered = steps.Any(s => s.Call.Name != DescribeDataset && s.Result is { IsError: false });
        var describeAsked = intents.Any(i => i.Tool == DescribeDataset || !i.Complete);
        var sections = new List<string>();
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            if (step.Call.Name == DescribeDataset && !describeAsked && answered && !step.Result!.IsError)
            {
                continue; // fetched only to find the right column
            }

            if (step.Result!.IsError)
            {
                var retry = steps.Skip(i + 1).FirstOrDefault(s => s.Call.Name == step.Call.Name && s.Result is { IsError: false });
                sections.Add(retry is not null && ErrorCorrection.Difference(step.Arguments, retry.Arguments) is { } fix
                    ? $"`{fix.Sent}` didn't work for `{step.Call.Name}` ({Sentence(step.Result.Error!)}), so I used `{fix.Used}` instead."
                    : $"The `{step.Call.Name}` tool returned an error: {Sentence(step.Result.Error!)} {Advice(step.Result.Error!)}");
                continue;
            }

            sections.Add(ResultSection(step.Call.Name, step.Arguments, step.Result));
        }

        foreach (var unclear in intents.Where(i => !i.Complete && !steps.Any(s => s.Call.Name == i.Tool)))
        {
            var columns = data.Columns.Count > 0 ? " (columns: " + string.Join(", ", data.Columns.Select(c => $"`{c}`")) + ")" : "";
            sections.Add($"I couldn't tell {unclear.Missing} from your question{columns}. Which one should I use?");
        }

        if (turn.Rounds >= ToolTurnPlanner.MaxRounds && steps.Count > 0 && steps[^1].Result is null)
        {
            sections.Add("I stopped after several tool calls without a complete result; please rephrase or narrow the question.");
        }

        return string.Join("\n\n", sections.Where(s => s.Length > 0));
    }

    private static string ResultSection(string tool, JsonObject args, ToolResult result)
    {
        if (result.Json is not { } json)
        {
            return $"`{tool}` returned: {result.Text.Trim()}";
        }

        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var lead = Lead(tool, args, json, used);
        var body = Markdown.Body(json, used);
        return body.Length == 0 ? lead : lead + "\n\n" + body;
    }

    private static string Lead(string tool, JsonObject args, JsonNode json, HashSet<string> used)
    {
        var o = json as JsonObject;
        string Arg(string name) => args[name]?.ToString() ?? o?[name]?.ToString() ?? "";
        string? Num(params string[] keys) => o is null ? null : Markdown.Find(o, keys, used);
        var dataset = Arg("dataset") is { Length: > 0 } d ? $" in `{d}`" : "";

        switch (tool)
        {
            case Correlation:
                used.UnionWith(["x", "y", "dataset"]);
                var r = Num("r", "pearson_r", "pearson", "correlation", "coefficient", "value");
                var n = Num("n", "pairs", "n_pairs", "pairs_used", "count", "rows_used");
                if (r is null)
                {
                    return $"Correlation between `{Arg("x")}` and `{Arg("y")}`{dataset}:";
                }

                var sample = n is null ? "" : $" (n = {n})";
                return $"The Pearson correlation between {Arg("x")} and {Arg("y")} is {r}{sample}. {Strength(r)}";
            case FilterCount:
                used.Add("dataset");
                var count = Num("count", "matching", "matches", "matching_rows", "match_count", "total");
                var condition = ConditionText(args);
                return count is null
                    ? $"Rows{dataset} where {condition}:"
                    : $"{count} {(count == "1" ? "row" : "rows")}{dataset} match {condition}." + (o is not null && Markdown.HasTable(o, used) ? " Some of them:" : "");
            case GroupBy:
                used.UnionWith(["by", "column", "agg", "dataset"]);
                var agg = Arg("agg");
                return agg == "count" ? $"Row count by {Arg("by")}{dataset}:" : $"{AggLabel(agg)} of {Arg("column")} by {Arg("by")}{dataset}:";
            case TopRows:
                used.UnionWith(["column", "n", "order", "dataset"]);
                return $"{(Arg("order") == "asc" ? "Bottom" : "Top")} {Arg("n")} rows by {Arg("column")}{dataset}:".Replace("  ", " ", StringComparison.Ordinal);
            case MissingValues:
                used.Add("dataset");
                return $"Missing values per column{dataset}:";
            case DescribeDataset:
                used.UnionWith(["dataset", "name"]);
                var rows = Num("rows", "row_count", "rowCount", "num_rows", "rows_count");
                var columns = o?["columns"] is JsonArray c ? c.Count : o?["columns"] is JsonObject co ? co.Count : (int?)null;
                var name = Arg("dataset") is { Length: > 0 } dn ? dn : o?["name"]?.ToString() ?? "The dataset";
                return rows is not null && columns is not null ? $"`{name}` has {rows} rows and {columns} columns." : $"`{name}`:";
            case ColumnStats:
                used.UnionWith(["dataset"]);
                return Arg("column") is { Length: > 0 } column ? $"Summary statistics for {column}{dataset}:" : $"Summary statistics{dataset}:";
            case GetLeaderboard:
                used.Add("category");
                return Arg("category") is { Length: > 0 } category ? $"Leaderboard for {category}:" : "Current leaderboard:";
            case GetModelStats:
                used.Add("model");
                return $"Stats for {Arg("model")}:";
            case HeadToHead:
                used.UnionWith(["model_a", "model_b"]);
                return $"Head to head, {Arg("model_a")} vs {Arg("model_b")}:";
            case VoteCounts:
                used.Add("category");
                var total = Num("total", "votes", "total_votes", "count");
                var scope = Arg("category") is { Length: > 0 } cat ? $" in {cat}" : "";
                return total is null ? $"Vote counts{scope}:" : $"There are {total} votes{scope}.";
            default:
                return $"Result of `{tool}`:";
        }
    }

    private static string ConditionText(JsonObject args)
    {
        static string One(JsonNode? c) => c is JsonObject o ? $"{o["column"]} {o["op"]} {o["value"]}" : "";
        return args["conditions"] is JsonArray list && list.Count > 0
            ? string.Join(" and ", list.Select(One))
            : One(args);
    }

    private static string AggLabel(string agg) => agg switch
    {
        "mean" => "Average",
        "sum" => "Total",
        "median" => "Median",
        "min" => "Minimum",
        "max" => "Maximum",
        _ => agg.Length > 0 ? char.ToUpperInvariant(agg[0]) + agg[1..] : "Aggregate",
    };

    private static string Strength(string r)
    {
        if (!double.TryParse(r, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return "";
        }

        var size = Math.Abs(value);
        var direction = value < 0 ? "negative" : "positive";
        return size switch
        {
            >= 0.7 => $"That is a strong {direction} relationship.",
            >= 0.4 => $"That is a moderate {direction} relationship.",
            >= 0.2 => $"That is a weak {direction} relationship.",
            _ => "There is little to no linear relationship.",
        };
    }

    private static string Sentence(string error)
    {
        var text = error.Trim();
        return text.EndsWith('.') || text.EndsWith('!') || text.EndsWith('?') ? text : text + ".";
    }

    private static string Advice(string error) =>
        error.Contains("valid", StringComparison.OrdinalIgnoreCase) || error.Contains(':', StringComparison.Ordinal)
            ? "Tell me which of those you meant and I'll run it again."
            : "Could you check the names in your question and ask again?";
}
