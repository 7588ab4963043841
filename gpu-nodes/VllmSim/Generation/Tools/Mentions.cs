using System.Text.RegularExpressions;

namespace VllmSim.Generation.Tools;

/// <summary>Where a known name (a column, dataset, model…) is mentioned in a text.</summary>
internal readonly record struct Mention(string Value, int Start, int End);

/// <summary>
/// Finds mentions of known names in free text, as a reader would: case-insensitive, with <c>_</c>, <c>-</c>
/// and spaces alike, and plurals matching singulars ("unit prices" mentions <c>unit_price</c>).
/// </summary>
internal static partial class Mentions
{
    public static IReadOnlyList<Mention> Find(string text, IEnumerable<string> names) => Find(text, names.Select(n => (n, n)));

    /// <summary>Mentions of any alias, reported as its value; longer matches win where they overlap.</summary>
    public static IReadOnlyList<Mention> Find(string text, IEnumerable<(string Alias, string Value)> aliases)
    {
        var words = Words(text);
        var found = new List<(Mention Mention, int Length)>();
        foreach (var (alias, value) in aliases)
        {
            var tokens = Words(alias).Select(w => w.Text).ToList();
            if (tokens.Count == 0)
            {
                continue;
            }

            for (var i = 0; i + tokens.Count <= words.Count; i++)
            {
                if (tokens.Select((t, j) => SameWord(words[i + j].Text, t)).All(same => same))
                {
                    var last = words[i + tokens.Count - 1];
                    found.Add((new Mention(value, words[i].Start, last.Start + last.Text.Length), tokens.Count));
                }
            }
        }

        var chosen = new List<Mention>();
        foreach (var (mention, _) in found.OrderByDescending(f => f.Length).ThenBy(f => f.Mention.Start))
        {
            if (!chosen.Any(c => c.Start < mention.End && mention.Start < c.End))
            {
                chosen.Add(mention);
            }
        }

        return [.. chosen.OrderBy(c => c.Start)];
    }

    /// <summary>Whether two names are the same when case, separators and plurals are ignored.</summary>
    public static bool SameName(string a, string b)
    {
        var x = Words(a).Select(w => w.Text).ToList();
        var y = Words(b).Select(w => w.Text).ToList();
        return x.Count == y.Count && x.Zip(y).All(p => SameWord(p.First, p.Second));
    }

    public static bool SameWord(string a, string b) => a == b || Singular(a) == Singular(b);

    private static string Singular(string word)
    {
        if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal))
        {
            return word[..^3] + "y";
        }

        if (word.Length > 4 && (word.EndsWith("ses", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal)
            || word.EndsWith("ches", StringComparison.Ordinal) || word.EndsWith("shes", StringComparison.Ordinal)))
        {
            return word[..^2];
        }

        return word.Length > 3 && word[^1] == 's' && word[^2] != 's' ? word[..^1] : word;
    }

    private static List<(string Text, int Start)> Words(string text) =>
        [.. WordPattern().Matches(text).Select(m => (m.Value.ToLowerInvariant(), m.Index))];

    [GeneratedRegex(@"[\p{L}\p{N}]+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();
}
