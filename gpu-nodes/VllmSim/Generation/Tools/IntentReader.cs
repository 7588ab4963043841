using System.Globalization;
using System.Text.RegularExpressions;
using static VllmSim.Generation.Tools.ArenaTools;

namespace VllmSim.Generation.Tools;

/// <summary>
/// Reads which of Arena's tools a message asks for, and with which arguments, from the tools' names and
/// parameter schemas: "average price by region" is <c>group_by</c> with by=region, column=price, agg=mean.
/// Deterministic: the same message, tools and knowledge give the same intents.
/// </summary>
internal sealed partial class IntentReader(IReadOnlyList<ToolSpec> tools, DataKnowledge data)
{
    private const int DefaultTopN = 5;

    private static readonly Dictionary<string, int> SpelledNumbers = new()
    {
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7,
        ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["fifteen"] = 15, ["twenty"] = 20,
    };

    /// <summary>The intents of a message: two when it clearly asks two things ("missing values and the correlation of x and y").</summary>
    public IReadOnlyList<ToolIntent> ReadAll(string message)
    {
        foreach (Match split in Splitter().Matches(message))
        {
            var left = Read(message[..split.Index]);
            var right = Read(message[(split.Index + split.Length)..]);
            if (left is { Complete: true } && right is { Complete: true } && !left.SameCall(right))
            {
                return [left, right];
            }
        }

        return Read(message) is { } intent ? [intent] : [];
    }

    /// <summary>The one tool a text asks for, or null when it asks for none of Arena's tools.</summary>
    public ToolIntent? Read(string text)
    {
        var lower = text.ToLowerInvariant();
        return HeadToHeadIntent(text, lower, false)
            ?? VoteCountsIntent(text, lower, false)
            ?? ModelStatsIntent(text, lower, false)
            ?? LeaderboardIntent(text, lower, false)
            ?? CorrelationIntent(text, lower, false)
            ?? MissingValuesIntent(text, lower, false)
            ?? FilterCountIntent(text, lower, false)
            ?? GroupByIntent(text, lower, false)
            ?? TopRowsIntent(text, lower, false)
            ?? ColumnStatsIntent(text, lower, false)
            ?? DescribeIntent(text, lower, false);
    }

    /// <summary>Arguments for a tool the client forces (named <c>tool_choice</c>), read from the text as far as it allows.</summary>
    public ToolIntent? ReadFor(string tool, string text)
    {
        var lower = text.ToLowerInvariant();
        return tool switch
        {
            HeadToHead => HeadToHeadIntent(text, lower, true),
            VoteCounts => VoteCountsIntent(text, lower, true),
            GetModelStats => ModelStatsIntent(text, lower, true),
            GetLeaderboard => LeaderboardIntent(text, lower, true),
            Correlation => CorrelationIntent(text, lower, true),
            MissingValues => MissingValuesIntent(text, lower, true),
            FilterCount => FilterCountIntent(text, lower, true),
            GroupBy => GroupByIntent(text, lower, true),
            TopRows => TopRowsIntent(text, lower, true),
            ColumnStats => ColumnStatsIntent(text, lower, true),
            DescribeDataset => DescribeIntent(text, lower, true),
            _ => null,
        };
    }

    private ToolSpec? Tool(string name) => tools.FirstOrDefault(t => t.Name == name);

    // ---- arena tools ----

    private ToolIntent? HeadToHeadIntent(string text, string lower, bool force)
    {
        if (Tool(HeadToHead) is not { } spec || (!force && !HeadToHeadWords().IsMatch(lower)))
        {
            return null;
        }

        var models = Models(text, spec.Parameter("model_a"));
        if (models.Count < 2 && !force)
        {
            return null;
        }

        var args = new JsonObject();
        Set(args, spec, "model_a", models.ElementAtOrDefault(0));
        Set(args, spec, "model_b", models.ElementAtOrDefault(1));
        return new ToolIntent(HeadToHead, args);
    }

    private ToolIntent? VoteCountsIntent(string text, string lower, bool force)
    {
        if (Tool(VoteCounts) is not { } spec || (!force && !VoteWords().IsMatch(lower)))
        {
            return null;
        }

        var args = new JsonObject();
        Set(args, spec, "category", Category(text, spec));
        return new ToolIntent(VoteCounts, args);
    }

    private ToolIntent? ModelStatsIntent(string text, string lower, bool force)
    {
        if (Tool(GetModelStats) is not { } spec)
        {
            return null;
        }

        var models = Models(text, spec.Parameter("model"));
        if (!force && (models.Count == 0 || !ModelStatsWords().IsMatch(lower)))
        {
            return null;
        }

        var args = new JsonObject();
        Set(args, spec, "model", models.FirstOrDefault());
        return new ToolIntent(GetModelStats, args);
    }

    private ToolIntent? LeaderboardIntent(string text, string lower, bool force)
    {
        if (Tool(GetLeaderboard) is not { } spec || (!force && !LeaderboardWords().IsMatch(lower)))
        {
            return null;
        }

        var args = new JsonObject();
        Set(args, spec, "category", Category(text, spec));
        return new ToolIntent(GetLeaderboard, args);
    }

    // ---- dataset tools ----

    private ToolIntent? CorrelationIntent(string text, string lower, bool force)
    {
        if (Tool(Correlation) is not { } spec || (!force && !CorrelationWords().IsMatch(lower)))
        {
            return null;
        }

        var picked = Columns(text).Where(c => data.IsNumeric(c.Value) ?? true).Select(c => c.Value).Distinct().Take(2).ToList();
        if (picked.Count < 2 && data.SchemaSeen)
        {
            picked.AddRange(data.NumericColumns().Where(c => !picked.Contains(c)).Take(2 - picked.Count));
        }

        var args = DatasetArgs(text, spec);
        Set(args, spec, "x", picked.ElementAtOrDefault(0));
        Set(args, spec, "y", picked.ElementAtOrDefault(1));
        return new ToolIntent(Correlation, args, picked.Count < 2 ? "the two numeric columns to correlate" : null);
    }

    private ToolIntent? MissingValuesIntent(string text, string lower, bool force) =>
        Tool(MissingValues) is { } spec && (force || MissingWords().IsMatch(lower))
            ? new ToolIntent(MissingValues, DatasetArgs(text, spec))
            : null;

    private ToolIntent? FilterCountIntent(string text, string lower, bool force)
    {
        if (Tool(FilterCount) is not { } spec)
        {
            return null;
        }

        var conditions = Conditions.Read(text, Columns(text));
        if (!force && (conditions.Count == 0 || !(CountWords().IsMatch(lower) || WhereWords().IsMatch(lower))))
        {
            return null;
        }

        var args = DatasetArgs(text, spec);
        if (spec.Parameter("conditions") is { } list)
        {
            var items = list.Items(spec.Name);
            args["conditions"] = new JsonArray([.. conditions.Select(c => (JsonNode)ConditionObject(c, items))]);
        }
        else if (conditions.FirstOrDefault() is { } first)
        {
            foreach (var (key, value) in ConditionObject(first, spec))
            {
                args[key] = value?.DeepClone();
            }
        }

        return new ToolIntent(FilterCount, args, conditions.Count == 0 ? "the condition to filter on" : null);
    }

    private JsonObject ConditionObject(Condition condition, ToolSpec? schema)
    {
        var o = new JsonObject { ["column"] = condition.Column };
        o["op"] = schema?.Parameter("op") is { } op ? EnumValue(op, condition.Op) ?? condition.Op : condition.Op;
        o["value"] = condition.ValueNode(schema?.Parameter("value"));
        return o;
    }

    private ToolIntent? GroupByIntent(string text, string lower, bool force)
    {
        if (Tool(GroupBy) is not { } spec)
        {
            return null;
        }

        var agg = AggWords().Match(lower);
        var by = ByColumn(text);
        if (!force && (!agg.Success || by is null))
        {
            return null;
        }

        var aggName = !agg.Success ? "count" : agg.Groups.Values.Skip(1).First(g => g.Success).Name;
        var others = Columns(text).Where(c => c.Value != by).ToList();
        var column = aggName == "count"
            ? others.FirstOrDefault().Value
            : others.FirstOrDefault(c => data.IsNumeric(c.Value) ?? true).Value;
        if (column is null && aggName != "count" && data.SchemaSeen)
        {
            column = data.NumericColumns().FirstOrDefault(c => c != by);
        }

        if (column is null && aggName == "count" && spec.Required.Contains("column"))
        {
            column = by;
        }

        var args = DatasetArgs(text, spec);
        Set(args, spec, "by", by);
        Set(args, spec, "column", column);
        Set(args, spec, "agg", aggName);
        var missing = by is null ? "the column to group by" : column is null && aggName != "count" ? "the column to aggregate" : null;
        return new ToolIntent(GroupBy, args, missing);
    }

    private ToolIntent? TopRowsIntent(string text, string lower, bool force)
    {
        if (Tool(TopRows) is not { } spec)
        {
            return null;
        }

        var desc = DescendingWords().Match(lower);
        var asc = AscendingWords().Match(lower);
        if (!force && !desc.Success && !asc.Success)
        {
            return null;
        }

        var order = asc.Success && (!desc.Success || asc.Index < desc.Index) ? "asc" : "desc";
        var numeric = Columns(text).Where(c => data.IsNumeric(c.Value) ?? true).ToList();
        var afterBy = ByColumn(text);
        var column = numeric.Any(c => c.Value == afterBy) ? afterBy : numeric.FirstOrDefault().Value;
        if (column is null && data.SchemaSeen)
        {
            column = data.NumericColumns().FirstOrDefault();
        }

        var args = DatasetArgs(text, spec);
        Set(args, spec, "column", column);
        Set(args, spec, "n", TopN(lower));
        Set(args, spec, "order", order);
        return new ToolIntent(TopRows, args, column is null ? "the column to rank by" : null);
    }

    private ToolIntent? ColumnStatsIntent(string text, string lower, bool force)
    {
        if (Tool(ColumnStats) is not { } spec || (!force && !StatsWords().IsMatch(lower)))
        {
            return null;
        }

        var args = DatasetArgs(text, spec);
        Set(args, spec, "column", Columns(text).FirstOrDefault().Value);
        return new ToolIntent(ColumnStats, args);
    }

    private ToolIntent? DescribeIntent(string text, string lower, bool force) =>
        Tool(DescribeDataset) is { } spec && (force || DescribeWords().IsMatch(lower) || Mentions.Find(text, data.Datasets).Count > 0)
            ? new ToolIntent(DescribeDataset, DatasetArgs(text, spec))
            : null;

    /// <summary>The <c>describe_dataset</c> call that fetches the schema an incomplete intent needs.</summary>
    public ToolIntent? SchemaRequest(ToolIntent incomplete)
    {
        if (Tool(DescribeDataset) is not { } spec)
        {
            return null;
        }

        var args = new JsonObject();
        Set(args, spec, "dataset", incomplete.Arguments["dataset"]?.GetValue<string>() ?? data.Datasets.FirstOrDefault());
        return new ToolIntent(DescribeDataset, args);
    }

    // ---- argument helpers ----

    private IReadOnlyList<Mention> Columns(string text) => Mentions.Find(text, data.Columns);

    /// <summary>The column named right after "by", "per", "for each", "across"….</summary>
    private string? ByColumn(string text)
    {
        var columns = Columns(text);
        foreach (Match by in ByWords().Matches(text))
        {
            var end = by.Index + by.Length;
            if (columns.FirstOrDefault(c => c.Start == end) is { Value: not null } column)
            {
                return column.Value;
            }
        }

        return null;
    }

    private JsonObject DatasetArgs(string text, ToolSpec spec)
    {
        var args = new JsonObject();
        var named = Mentions.Find(text, data.Datasets).FirstOrDefault().Value;
        Set(args, spec, "dataset", named ?? data.Datasets.FirstOrDefault());
        return args;
    }

    private static int TopN(string lower)
    {
        var m = TopCount().Match(lower);
        if (!m.Success)
        {
            return DefaultTopN;
        }

        var word = m.Groups["n"].Value;
        return SpelledNumbers.TryGetValue(word, out var spelled) ? spelled : Math.Clamp(int.Parse(word, CultureInfo.InvariantCulture), 1, 1000);
    }

    private List<string> Models(string text, ParameterSpec? parameter)
    {
        if (parameter is { EnumStrings.Count: > 0 } p)
        {
            var ids = p.EnumStrings;
            var aliases = new List<(string, string)>();
            foreach (var id in ids)
            {
                aliases.Add((id, id));
                var bare = id.StartsWith("sim-", StringComparison.OrdinalIgnoreCase) ? id[4..] : id;
                aliases.Add((bare, id));
                var head = WordHead().Match(bare).Value;
                if (head.Length >= 3 && ids.Count(other => WordHead().Match(other.StartsWith("sim-", StringComparison.OrdinalIgnoreCase) ? other[4..] : other).Value == head) == 1)
                {
                    aliases.Add((head, id));
                }
            }

            return [.. Mentions.Find(text, aliases).Select(m => m.Value).Distinct()];
        }

        return [.. ModelLike().Matches(text).Select(m => m.Value).Distinct()];
    }

    private static string? Category(string text, ToolSpec spec)
    {
        if (spec.Parameter("category") is not { } parameter)
        {
            return null;
        }

        if (parameter.EnumStrings.Count > 0)
        {
            return Mentions.Find(text, parameter.EnumStrings).FirstOrDefault().Value;
        }

        var m = CategoryPhrase().Match(text);
        return m.Success ? m.Groups["c"].Value.ToLowerInvariant() : null;
    }

    /// <summary>Sets an argument when the tool has that parameter and a value is known, matching the parameter's enum.</summary>
    private static void Set(JsonObject args, ToolSpec spec, string name, string? value)
    {
        if (value is null || spec.Parameter(name) is not { } parameter)
        {
            return;
        }

        if (parameter.EnumStrings.Count > 0)
        {
            if (EnumValue(parameter, value) is { } allowed)
            {
                args[name] = allowed;
            }

            return;
        }

        args[name] = value;
    }

    private static void Set(JsonObject args, ToolSpec spec, string name, int value)
    {
        if (spec.Parameter(name) is { } parameter)
        {
            args[name] = parameter.Allows("integer") || parameter.Allows("number") ? value : value.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static readonly Dictionary<string, string[]> Synonyms = new()
    {
        ["mean"] = ["avg", "average"],
        ["sum"] = ["total"],
        ["count"] = ["n", "size"],
        ["desc"] = ["descending"],
        ["asc"] = ["ascending"],
        ["="] = ["==", "eq", "equals"],
        ["!="] = ["<>", "ne", "not_equals"],
    };

    private static string? EnumValue(ParameterSpec parameter, string value)
    {
        var options = parameter.EnumStrings;
        var exact = options.FirstOrDefault(o => o == value) ?? options.FirstOrDefault(o => Mentions.SameName(o, value) && o.Any(char.IsLetterOrDigit));
        if (exact is not null)
        {
            return exact;
        }

        var synonyms = Synonyms.TryGetValue(value, out var s) ? s : [];
        return options.FirstOrDefault(o => synonyms.Contains(o, StringComparer.OrdinalIgnoreCase));
    }

    // ---- phrasings ----

    [GeneratedRegex(@"\s*,?\s*\b(?:and\s+also|and\s+then|as\s+well\s+as|and|also|plus)\b\s*|\s*[;?]\s+(?=\S)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Splitter();

    [GeneratedRegex(@"\bvs\.?(?!\w)|\bversus\b|\bhead[\s-]*to[\s-]*head\b|\bcompare\b|\bcomparison\b|\bagainst\b|\bbeats?\b", RegexOptions.CultureInvariant)]
    private static partial Regex HeadToHeadWords();

    [GeneratedRegex(@"\bhow\s+many\s+votes\b|\bnumber\s+of\s+votes\b|\bvote\s+counts?\b|\bvotes?\s+(?:count|total)s?\b|\btotal\s+votes\b|\bcount\s+(?:the\s+)?votes\b", RegexOptions.CultureInvariant)]
    private static partial Regex VoteWords();

    [GeneratedRegex(@"\bstats\b|\bstatistics\b|\blatency\b|\bspeed\b|\bfast\b|\bslow\b|\bwin\s*rate\b|\bperformance\b|\btokens?\s+per\s+second\b|\bttft\b|\brating\b|\belo\b|\bhow\s+(?:is|does|did|good|well)\b|\bdoing\b|\bscore\b", RegexOptions.CultureInvariant)]
    private static partial Regex ModelStatsWords();

    [GeneratedRegex(@"\bleaderboard\b|\brankings?\b|\branked\b|\brank\b|\bbest\s+models?\b|\btop\s+(?:\d+\s+)?models?\b|\bstrongest\s+models?\b|\bstandings\b|\bwhich\s+models?\s+(?:is|are|was|were)\s+(?:the\s+)?(?:best|strongest|winning)\b|\bwinning\s+models?\b", RegexOptions.CultureInvariant)]
    private static partial Regex LeaderboardWords();

    [GeneratedRegex(@"correlat|\brelationship\b|\brelated\b|\brelation\b|\bassociat", RegexOptions.CultureInvariant)]
    private static partial Regex CorrelationWords();

    [GeneratedRegex(@"\bmissing\b|\bnulls?\b|\bempty\b|\bblanks?\b|\bnan\b|\bn/a\b|\bincomplete\b", RegexOptions.CultureInvariant)]
    private static partial Regex MissingWords();

    [GeneratedRegex(@"\bhow\s+many\b|\bnumber\s+of\b|\bcount\b|\bhow\s+often\b", RegexOptions.CultureInvariant)]
    private static partial Regex CountWords();

    [GeneratedRegex(@"\bwhere\b|\bwith\b|\bwhose\b|\bthat\s+have\b|\bhaving\b|\bfilter\b|\bmatching\b", RegexOptions.CultureInvariant)]
    private static partial Regex WhereWords();

    [GeneratedRegex(@"(?<mean>\baverage\b|\bavg\b|\bmean\b)|(?<sum>\btotal\b|\bsum\b|\bsummed\b)|(?<median>\bmedian\b)|(?<max>\bmax(?:imum)?\b|\bhighest\b|\blargest\b|\bbiggest\b)|(?<min>\bmin(?:imum)?\b|\blowest\b|\bsmallest\b)|(?<count>\bcount\b|\bnumber\s+of\b|\bhow\s+many\b)", RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant)]
    private static partial Regex AggWords();

    [GeneratedRegex(@"\b(?:grouped\s+by|broken\s+down\s+by|split\s+by|by|per|for\s+each|for\s+every|in\s+each|across(?:\s+all)?)\s+(?:the\s+|each\s+|every\s+|all\s+)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ByWords();

    [GeneratedRegex(@"\btop\b|\bhighest\b|\blargest\b|\bbiggest\b|\bgreatest\b|\bmost\b|\bmax(?:imum)?\b|\bpriciest\b|\bbest[-\s]selling\b", RegexOptions.CultureInvariant)]
    private static partial Regex DescendingWords();

    [GeneratedRegex(@"\bbottom\b|\blowest\b|\bsmallest\b|\bleast\b|\bcheapest\b|\bfewest\b|\bmin(?:imum)?\b", RegexOptions.CultureInvariant)]
    private static partial Regex AscendingWords();

    [GeneratedRegex(@"\b(?:top|bottom|first|last|highest|lowest|largest|smallest|biggest)\s+(?<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty)\b|\b(?<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty)\s+(?:highest|lowest|largest|smallest|biggest|most|least|top|bottom|rows|records|entries|items|orders|products|customers|sales)\b", RegexOptions.CultureInvariant)]
    private static partial Regex TopCount();

    [GeneratedRegex(@"\bstat(?:s|istics?)\b|\bsummar(?:y|ize|ise)\b|\bdistribution\b|\bdistributed\b|\bspread\b|\brange\b|\baverage\b|\bavg\b|\bmean\b|\bmedian\b|\bstd\b|\bstandard\s+deviation\b|\bvariance\b|\bquartiles?\b|\bpercentiles?\b|\btypical\b", RegexOptions.CultureInvariant)]
    private static partial Regex StatsWords();

    [GeneratedRegex(@"\bdescribe\b|\bcolumns?\b|\bschema\b|\bwhat'?s\s+in\b|\bwhat\s+is\s+in\b|\boverview\b|\bfields\b|\bstructure\b|\blooks?\s+like\b|\bpreview\b|\bsample\b|\bwhat\s+(?:kind\s+of\s+)?data\b|\bhow\s+many\s+(?:rows|records|entries|lines)\b|\btell\s+me\s+about\b|\bexplore\b|\bdataset\b|\bthe\s+data\b|\bthis\s+data\b|\bcsv\b", RegexOptions.CultureInvariant)]
    private static partial Regex DescribeWords();

    [GeneratedRegex(@"^[\p{L}]+", RegexOptions.CultureInvariant)]
    private static partial Regex WordHead();

    [GeneratedRegex(@"\b[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)+\b", RegexOptions.CultureInvariant)]
    private static partial Regex ModelLike();

    [GeneratedRegex(@"\b(?:in|for)\s+(?:the\s+)?(?<c>[\p{L}-]+)\s+(?:category|questions|prompts)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CategoryPhrase();
}
