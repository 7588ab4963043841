using System.Text.RegularExpressions;

namespace VllmSim.Generation.Tools;

/// <summary>
/// The obvious fix after a tool error, as a careful model would make it: when the error mentions a value the
/// call sent and lists the valid ones, and one of those is close to it ("price" → "unit_price"), use that.
/// </summary>
internal static partial class ErrorCorrection
{
    public static JsonObject? Correct(JsonObject arguments, string error, ToolSpec? spec)
    {
        var listed = ListedValues(error).ToList();
        // Values the error quotes ('price') are the likeliest culprits, so they are tried first.
        var sentValues = arguments
            .Select(p => (p.Key, Sent: p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null))
            .Where(p => p.Sent is not null && MentionsValue(error, p.Sent))
            .OrderBy(p => Quoted(error, p.Sent!) ? 0 : 1)
            .ToList();
        foreach (var (key, sent) in sentValues)
        {
            if (sent is null)
            {
                continue;
            }

            // Only values the error itself lists count (and, where the parameter has an enum, only those in it).
            var allowed = spec?.Parameter(key)?.EnumStrings ?? [];
            var options = listed.Where(o => !string.Equals(o, sent, StringComparison.OrdinalIgnoreCase)
                && (allowed.Count == 0 || allowed.Contains(o, StringComparer.OrdinalIgnoreCase)));
            if (Closest(sent, options) is { } better)
            {
                var corrected = arguments.DeepClone().AsObject();
                corrected[key] = better;
                return corrected;
            }
        }

        return null;
    }

    /// <summary>The value the error complains about and the value used instead, for telling the user.</summary>
    public static (string Sent, string Used)? Difference(JsonObject before, JsonObject after) =>
        before.Where(p => !JsonNode.DeepEquals(p.Value, after[p.Key]))
            .Select(p => ((string Sent, string Used)?)(p.Value?.ToString() ?? "", after[p.Key]?.ToString() ?? ""))
            .FirstOrDefault();

    private static bool Quoted(string error, string value) =>
        new[] { "'", "\"", "`" }.Any(q => error.Contains(q + value + q, StringComparison.OrdinalIgnoreCase));

    private static bool MentionsValue(string error, string value) =>
        value.Length > 0 && Regex.IsMatch(error, @"(?<![\p{L}\p{N}_])" + Regex.Escape(value) + @"(?![\p{L}\p{N}_])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    // "... Valid columns: region, product, unit_price." → region, product, unit_price
    private static IEnumerable<string> ListedValues(string error)
    {
        var colon = error.LastIndexOf(':');
        if (colon < 0)
        {
            return [];
        }

        return ListSeparator().Split(error[(colon + 1)..])
            .Select(s => s.Trim().Trim('"', '\'', '`', '[', ']', '(', ')', '.', ' '))
            .Where(s => s.Length > 0 && !s.Contains(' ', StringComparison.Ordinal));
    }

    private static string? Closest(string sent, IEnumerable<string> options)
    {
        string? best = null;
        var bestScore = int.MaxValue;
        foreach (var option in options.Distinct())
        {
            var score = Mentions.SameName(option, sent) ? 0
                : Normalize(option).Contains(Normalize(sent), StringComparison.Ordinal) || Normalize(sent).Contains(Normalize(option), StringComparison.Ordinal) ? 1
                : Distance(Normalize(option), Normalize(sent)) <= 2 ? 2
                : int.MaxValue;
            if (score < bestScore)
            {
                (best, bestScore) = (option, score);
            }
        }

        return best;
    }

    private static string Normalize(string s) => new([.. s.ToLowerInvariant().Where(char.IsLetterOrDigit)]);

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var previous = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var current = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = current;
            }
        }

        return row[b.Length];
    }

    [GeneratedRegex(@",|\bor\b|\band\b", RegexOptions.CultureInvariant)]
    private static partial Regex ListSeparator();
}
