using System.Globalization;
using System.Text.RegularExpressions;

namespace VllmSim.Generation.Tools;

/// <summary>A row filter read from the message: column, operator (= != &gt; &gt;= &lt; &lt;= contains) and value.</summary>
internal sealed record Condition(string Column, string Op, string Value, bool IsNumber)
{
    public JsonNode ValueNode(ParameterSpec? schema) =>
        IsNumber && (schema is null || schema.Allows("number") || schema.Allows("integer"))
            ? Value.Contains('.', StringComparison.Ordinal) ? JsonValue.Create(double.Parse(Value, CultureInfo.InvariantCulture)) : JsonValue.Create(long.Parse(Value, CultureInfo.InvariantCulture))
            : JsonValue.Create(Value);
}

/// <summary>Reads conditions such as "quantity &gt; 5", "price at least 10", "region is North", "product contains 'Pro'".</summary>
internal static partial class Conditions
{
    // Longest phrasings first, so that "is at least" wins over "is".
    private static readonly (string Op, Regex Pattern)[] Operators =
    [
        (">=", Op(@">=|≥|=>|is\s+at\s+least|at\s+least|(?:is\s+)?greater\s+than\s+or\s+equal\s+to|(?:is\s+)?no\s+less\s+than|of\s+at\s+least")),
        ("<=", Op(@"<=|≤|=<|is\s+at\s+most|at\s+most|(?:is\s+)?less\s+than\s+or\s+equal\s+to|(?:is\s+)?no\s+more\s+than|of\s+at\s+most")),
        ("!=", Op(@"!=|<>|is\s+not|isn't|not\s+equal\s+to|does\s+not\s+equal|doesn't\s+equal|other\s+than")),
        (">", Op(@">|(?:is\s+|are\s+)?(?:more|greater|higher|larger|bigger)\s+than|(?:is\s+|are\s+)?(?:above|over)|exceeds|exceeding|of\s+over")),
        ("<", Op(@"<|(?:is\s+|are\s+)?(?:less|lower|smaller|fewer)\s+than|(?:is\s+|are\s+)?(?:below|under)|of\s+under")),
        ("contains", Op(@"contains|containing|contain|includes|including|(?:is\s+)?like")),
        ("=", Op(@"==|=|(?:is\s+)?equals|(?:is\s+)?equal\s+to|is|are|of")),
    ];

    public static IReadOnlyList<Condition> Read(string text, IReadOnlyList<Mention> columns)
    {
        var conditions = new List<Condition>();
        foreach (var column in columns)
        {
            var rest = text[column.End..];
            foreach (var (op, pattern) in Operators)
            {
                var m = pattern.Match(rest);
                if (m.Success && ValueOf(m.Groups["value"].Value) is { } value)
                {
                    conditions.Add(new Condition(column.Value, op, value.Text, value.IsNumber));
                    break;
                }
            }
        }

        return conditions;
    }

    private static (string Text, bool IsNumber)? ValueOf(string raw)
    {
        raw = raw.Trim();
        if (raw.Length == 0)
        {
            return null;
        }

        if (raw[0] is '"' or '\'' or '“' or '‘' or '`')
        {
            return (raw.Trim('"', '\'', '“', '”', '‘', '’', '`'), false);
        }

        if (Number().Match(raw.Replace("$", "", StringComparison.Ordinal)) is { Success: true } n)
        {
            return (n.Value.Replace(",", "", StringComparison.Ordinal), true);
        }

        var word = raw.TrimEnd('.', ',', '?', '!', ';', ':');
        return IgnoredValues().IsMatch(word) ? null : (word, false);
    }

    private static Regex Op(string alternatives) => new(
        @"^\s*(?:" + alternatives + @")\s*(?<value>""[^""]*""|'[^']*'|“[^”]*”|`[^`]*`|-?\$?\d[\d,]*(?:\.\d+)?\b|[\p{L}\p{N}][\p{L}\p{N}_./&-]*(?:\s+(?!(?:and|or|with|where|in|for|by|per|but|then|also)\b)[\p{L}\p{N}][\p{L}\p{N}_./&-]*){0,2})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    [GeneratedRegex(@"^-?\d[\d,]*(?:\.\d+)?$|^-?\d+(?:\.\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex Number();

    [GeneratedRegex(@"^(?:the|a|an|missing|null|empty|there|it|this|that|what|which|by|per)(?:\s|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IgnoredValues();
}
