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

    /// <summary>
    /// Why the battle cannot count, naming the side and the word, or null when neither answer names a model.
    /// </summary>
    public static string? Violation(string answerA, string answerB, ModelDefinition? modelA, ModelDefinition? modelB)
    {
        var words = CommonIdentityWords
            .Concat(modelA?.IdentityWords ?? []).Concat(modelB?.IdentityWords ?? [])
            .Where(w => !string.IsNullOrWhiteSpace(w))
            .Distinct(StringComparer.OrdinalIgnoreCase);
        foreach (var word in words)
        {
            var pattern = $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(word)}(?![\p{{L}}\p{{N}}])";
            foreach (var (side, text) in new[] { ("A", answerA), ("B", answerB) })
            {
                if (Regex.IsMatch(text, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
                {
                    return $"Answer {side} names a model or vendor (\"{word}\"), so the vote is kept but not rated.";
                }
            }
        }

        return null;
    }
}
