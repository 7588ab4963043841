using System.Text.RegularExpressions;

namespace Arena.Web.Moderation;

/// <summary>Turns block-list entries into one regular expression (see <see cref="ModerationOptions.BlockList"/> for the rules).</summary>
public static class BlockListPattern
{
    /// <summary>The prefix of an entry that is a regular expression.</summary>
    public const string RegexPrefix = "regex:";

    /// <summary>The entries of the configuration and of its file (read relative to <paramref name="contentRoot"/>).</summary>
    public static IReadOnlyList<string> Entries(ModerationOptions options, string contentRoot)
    {
        var entries = options.BlockList.Select(e => e.Trim()).Where(e => e.Length > 0).ToList();
        if (!string.IsNullOrWhiteSpace(options.BlockListFile))
        {
            entries.AddRange(File.ReadLines(FilePath(options.BlockListFile, contentRoot))
                .Select(l => l.Trim())
                .Where(l => l.Length > 0 && !l.StartsWith('#')));
        }

        return entries;
    }

    /// <summary>The block-list file's full path.</summary>
    public static string FilePath(string file, string contentRoot) => Path.GetFullPath(file, contentRoot);

    /// <summary>One expression matching any entry, or null when there are none. Throws <see cref="ArgumentException"/> for a bad <c>regex:</c> entry.</summary>
    public static Regex? Build(IReadOnlyList<string> entries)
    {
        var parts = entries.Where(e => e.Length > 0).Select(Part).Where(p => p.Length > 0).ToList();
        return parts.Count == 0
            ? null
            : new Regex(string.Join('|', parts), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    }

    private static string Part(string entry)
    {
        if (entry.StartsWith(RegexPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var pattern = entry[RegexPrefix.Length..].Trim();
            return pattern.Length == 0 ? "" : $"(?:{pattern})";
        }

        var words = entry.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape);
        // A word boundary only where the entry starts or ends with a word character: "c++" ends in '+'.
        var start = IsWordChar(entry[0]) ? @"\b" : "";
        var end = IsWordChar(entry[^1]) ? @"\b" : "";
        return $"{start}(?:{string.Join(@"\s+", words)}){end}";
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}
