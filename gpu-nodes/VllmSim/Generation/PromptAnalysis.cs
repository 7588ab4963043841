using System.Globalization;
using System.Text.RegularExpressions;

namespace VllmSim.Generation;

/// <summary>What kind of question a prompt asks.</summary>
internal enum QuestionKind
{
    Greeting,
    Code,
    Compare,
    HowTo,
    Why,
    List,
    What,
    Other,
}

/// <summary>The question kind, topic and keywords found in the user's last message.</summary>
internal sealed partial record PromptAnalysis(QuestionKind Kind, string Topic, IReadOnlyList<string> Keywords, string? CompareA, string? CompareB, string Language, string Original)
{
    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "for", "with", "about", "from", "by", "as",
        "is", "are", "was", "were", "be", "been", "am", "do", "does", "did", "can", "could", "should", "would", "will", "shall",
        "may", "might", "must", "i", "me", "my", "you", "your", "we", "our", "it", "its", "this", "that", "these", "those",
        "what", "why", "how", "who", "when", "where", "which", "whats", "please", "tell", "explain", "describe", "give", "show",
        "write", "make", "create", "some", "any", "there", "their", "they", "them", "he", "she", "his", "her", "so", "than",
        "then", "just", "also", "into", "between", "vs", "versus", "compare", "difference", "differences", "better", "best",
        "list", "need", "want", "know", "get", "use", "using", "hi", "hello", "hey", "thanks", "thank", "good", "morning", "evening",
        "code", "function", "program", "script", "snippet", "implement", "example", "examples", "ideas", "tips", "ways", "steps",
        "work", "works", "mean", "means", "much", "many", "more", "most", "very", "really", "not", "no", "yes", "okay", "ok",
        "python", "javascript", "typescript", "csharp", "java", "rust", "go", "golang", "sql", "bash", "c", "simple", "quick",
        "short", "brief", "briefly", "let", "lets", "help", "something", "thing", "things", "one", "two", "three", "five", "ten",
        "bake", "cook", "build", "learn", "start", "improve", "choose", "fix", "set", "install", "find", "keep", "become", "grow",
        "stay", "computes", "compute", "calculate", "like", "today", "now", "home", "way", "doing", "done", "going",
    };

    private static readonly (string Word, string Language)[] Languages =
    [
        ("c#", "csharp"), ("csharp", "csharp"), (".net", "csharp"), ("dotnet", "csharp"), ("typescript", "typescript"),
        ("javascript", "javascript"), ("node", "javascript"), ("js", "javascript"), ("rust", "rust"), ("golang", "go"),
        ("go", "go"), ("java", "java"), ("sql", "sql"), ("bash", "bash"), ("shell", "bash"), ("python", "python"),
    ];

    public static PromptAnalysis Analyze(string text)
    {
        var lower = text.ToLowerInvariant().Trim();
        var words = Words().Matches(lower).Select(m => m.Value.Trim('\'', '.', '+')).Where(w => w.Length > 0).ToList();
        var keywords = words.Where(w => !StopWords.Contains(w) && w.Length > 1 && !w.All(char.IsDigit)).Distinct().Take(6).ToList();
        var topic = keywords.Count == 0 ? "this topic" : string.Join(' ', keywords.Take(Math.Min(3, keywords.Count)));

        var (a, b) = FindComparison(lower);
        a = a is null ? null : OriginalCasing(text, a);
        b = b is null ? null : OriginalCasing(text, b);
        var kind = Classify(lower, words, a is not null);
        var language = Languages.FirstOrDefault(l => words.Contains(l.Word) || lower.Contains(l.Word, StringComparison.Ordinal) && l.Word.Length > 3).Language ?? "python";
        if (a is not null && b is not null)
        {
            topic = $"{a} vs {b}";
        }

        return new PromptAnalysis(kind, topic, keywords, a, b, language, text.Trim());
    }

    public string TopicTitle => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(Topic);

    private static QuestionKind Classify(string lower, List<string> words, bool hasComparison)
    {
        string[] greetings = ["hi", "hello", "hey", "greetings", "yo"];
        if (words.Count <= 4 && words.Count > 0 && greetings.Contains(words[0]))
        {
            return QuestionKind.Greeting;
        }

        if (Has(words, "code", "function", "program", "script", "snippet", "implement", "class", "method", "regex", "algorithm")
            || lower.Contains("write a", StringComparison.Ordinal) && Has(words, "python", "javascript", "typescript", "rust", "java", "sql", "bash", "csharp"))
        {
            return QuestionKind.Code;
        }

        if (hasComparison || Has(words, "compare", "versus", "vs", "difference", "differences"))
        {
            return QuestionKind.Compare;
        }

        if (lower.StartsWith("how", StringComparison.Ordinal) || lower.Contains("how to", StringComparison.Ordinal) || Has(words, "steps"))
        {
            return QuestionKind.HowTo;
        }

        if (lower.StartsWith("why", StringComparison.Ordinal) || lower.Contains(" why ", StringComparison.Ordinal))
        {
            return QuestionKind.Why;
        }

        if (Has(words, "list", "ideas", "tips", "examples", "ways", "suggestions", "recommend"))
        {
            return QuestionKind.List;
        }

        if (lower.StartsWith("what", StringComparison.Ordinal) || lower.StartsWith("who", StringComparison.Ordinal)
            || Has(words, "explain", "describe", "define", "meaning"))
        {
            return QuestionKind.What;
        }

        return QuestionKind.Other;
    }

    private static (string? A, string? B) FindComparison(string lower)
    {
        string[] markers = ["differences between ", "difference between ", "comparing ", "compare ", "between "];
        var rest = lower;
        foreach (var marker in markers)
        {
            var at = lower.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                rest = lower[(at + marker.Length)..];
                break;
            }
        }

        if (ReferenceEquals(rest, lower) && !lower.Contains(" vs", StringComparison.Ordinal) && !lower.Contains("versus", StringComparison.Ordinal))
        {
            return (null, null);
        }

        var match = Comparison().Match(rest);
        return match.Success ? (Clean(match.Groups["a"].Value), Clean(match.Groups["b"].Value)) : (null, null);

        // Keep the last three words of each side: "which is faster python" becomes "faster python".
        static string Clean(string s) => string.Join(' ', s.Trim().TrimEnd('?', '.', '!').Split(' ', StringSplitOptions.RemoveEmptyEntries).TakeLast(3));
    }

    private static string OriginalCasing(string text, string lowered)
    {
        var at = text.IndexOf(lowered, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? lowered : text.Substring(at, lowered.Length);
    }

    private static bool Has(List<string> words, params string[] any) => any.Any(words.Contains);

    [GeneratedRegex(@"[\p{L}\p{N}#+.']+", RegexOptions.CultureInvariant)]
    private static partial Regex Words();

    [GeneratedRegex(@"(?<a>[\p{L}\p{N}#+. -]{2,40}?)\s+(?:vs\.?|versus|and|or|with|to)\s+(?<b>[\p{L}\p{N}#+. -]{2,40}?)(?:[?.!,]|\s+for\b|\s+in\b|$)", RegexOptions.CultureInvariant)]
    private static partial Regex Comparison();
}
