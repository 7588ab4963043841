using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Arena.Models;

namespace Arena.Battles;

/// <summary>
/// Finds answers that reveal a model's identity, which would make a blind vote not blind (FastChat
/// drops such battles from its ratings too). A word counts when it stands alone, case-insensitively:
/// "Llama" and "OpenAI's" match, "metadata" does not match "meta".
/// </summary>
public static class AnonymityCheck
{
    /// <summary>Names of vendors and model families that an answer should never need to say.</summary>
    public static readonly IReadOnlyList<string> CommonIdentityWords =
    [
        "openai", "chatgpt", "gpt-3", "gpt-3.5", "gpt-4", "gpt-4o", "anthropic", "claude", "google", "gemini", "bard", "palm",
        "deepmind", "meta", "llama", "mistral", "mixtral", "qwen", "alibaba", "deepseek", "yi", "01.ai", "cohere",
        "command-r", "vicuna", "lmsys", "falcon", "phi-3", "microsoft", "gemma", "grok", "xai",
    ];

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Built once per word list (the common words and a pair's own) and per word: Regex's own cache holds 15 patterns,
    /// fewer than one check asks for, so a check used to parse every pattern again. The lists come from the catalog.
    /// </summary>
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    /// <summary>
    /// Why the battle cannot count, naming the side and the word, or null when neither answer names a model.
    /// </summary>
    public static string? Violation(string answerA, string answerB, ModelDefinition? modelA, ModelDefinition? modelB)
    {
        var words = CommonIdentityWords
            .Concat(modelA?.IdentityWords ?? []).Concat(modelB?.IdentityWords ?? [])
            .Where(w => !string.IsNullOrWhiteSpace(w))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();

        // Most answers name nothing: one pass over each with every word at once settles that.
        var any = Pattern(string.Join('|', words.Select(Regex.Escape)));
        if (!any.IsMatch(answerA) && !any.IsMatch(answerB))
        {
            return null;
        }

        foreach (var word in words)
        {
            var pattern = Pattern(Regex.Escape(word));
            foreach (var (side, text) in new[] { ("A", answerA), ("B", answerB) })
            {
                if (pattern.IsMatch(text))
                {
                    return $"Answer {side} names a model or vendor (\"{word}\"), so the vote is kept but not rated.";
                }
            }
        }

        return null;
    }

    /// <summary>Any of the escaped alternatives, standing alone (no letter or digit either side).</summary>
    private static Regex Pattern(string alternatives) =>
        Patterns.GetOrAdd(alternatives, a => new Regex($@"(?<![\p{{L}}\p{{N}}])(?:{a})(?![\p{{L}}\p{{N}}])", Options, MatchTimeout));
}
