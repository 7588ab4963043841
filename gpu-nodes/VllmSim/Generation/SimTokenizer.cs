using System.Text.RegularExpressions;

namespace VllmSim.Generation;

/// <summary>Splits text into tokens of about 3–4 characters; joining the tokens gives the text back exactly.</summary>
internal static partial class SimTokenizer
{
    private const int MaxTokenChars = 4;

    public static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        foreach (Match match in Pieces().Matches(text))
        {
            var piece = match.Value;
            for (var i = 0; i < piece.Length; i += MaxTokenChars)
            {
                tokens.Add(piece.Substring(i, Math.Min(MaxTokenChars, piece.Length - i)));
            }
        }

        return tokens;
    }

    /// <summary>Estimated token count of a text (about four characters a token).</summary>
    public static int Estimate(string text) => (text.Length + 3) / 4;

    // A word with its leading blanks, one punctuation mark with its leading blanks, or trailing blanks.
    [GeneratedRegex(@"\s*[\p{L}\p{N}_]+|\s*[^\s\p{L}\p{N}_]|\s+$", RegexOptions.CultureInvariant)]
    private static partial Regex Pieces();
}
