using System.Text.RegularExpressions;

namespace VllmSim.Generation;

/// <summary>A best-effort translation from the built-in phrase list.</summary>
internal sealed record Translation(string Phrase, string Language, string? Rendering);

/// <summary>Small, honest helpers for translation and summarising text given in the prompt.</summary>
internal static partial class TextTools
{
    private static readonly string[] LanguageNames = ["Spanish", "French", "German", "Italian", "Portuguese"];

    private static readonly (string English, string[] Words)[] Phrases =
    [
        ("hello", ["hola", "bonjour", "hallo", "ciao", "olá"]),
        ("goodbye", ["adiós", "au revoir", "auf Wiedersehen", "arrivederci", "adeus"]),
        ("thank you", ["gracias", "merci", "danke", "grazie", "obrigado"]),
        ("thanks", ["gracias", "merci", "danke", "grazie", "obrigado"]),
        ("please", ["por favor", "s'il vous plaît", "bitte", "per favore", "por favor"]),
        ("good morning", ["buenos días", "bonjour", "guten Morgen", "buongiorno", "bom dia"]),
        ("good night", ["buenas noches", "bonne nuit", "gute Nacht", "buona notte", "boa noite"]),
        ("how are you", ["¿cómo estás?", "comment ça va ?", "wie geht's?", "come stai?", "como vai?"]),
        ("i love you", ["te quiero", "je t'aime", "ich liebe dich", "ti amo", "eu te amo"]),
        ("yes", ["sí", "oui", "ja", "sì", "sim"]),
        ("no", ["no", "non", "nein", "no", "não"]),
        ("cat", ["gato", "chat", "Katze", "gatto", "gato"]),
        ("dog", ["perro", "chien", "Hund", "cane", "cão"]),
        ("water", ["agua", "eau", "Wasser", "acqua", "água"]),
        ("friend", ["amigo", "ami", "Freund", "amico", "amigo"]),
        ("love", ["amor", "amour", "Liebe", "amore", "amor"]),
        ("house", ["casa", "maison", "Haus", "casa", "casa"]),
        ("book", ["libro", "livre", "Buch", "libro", "livro"]),
        ("coffee", ["café", "café", "Kaffee", "caffè", "café"]),
        ("beer", ["cerveza", "bière", "Bier", "birra", "cerveja"]),
        ("where is the bathroom", ["¿dónde está el baño?", "où sont les toilettes ?", "wo ist die Toilette?", "dov'è il bagno?", "onde fica o banheiro?"]),
        ("excuse me", ["perdón", "excusez-moi", "Entschuldigung", "mi scusi", "com licença"]),
        ("cheers", ["¡salud!", "santé !", "prost!", "salute!", "saúde!"]),
    ];

    public static Translation? ParseTranslation(string text)
    {
        var m = TranslateRegex().Match(text);
        if (!m.Success)
        {
            return null;
        }

        var phrase = m.Groups["p"].Value.Trim().Trim('"', '\'', '“', '”', '‘', '’', ' ', '?', '!', '.');
        var language = m.Groups["l"].Value;
        language = char.ToUpperInvariant(language[0]) + language[1..].ToLowerInvariant();
        var index = Array.IndexOf(LanguageNames, language);
        var known = Phrases.FirstOrDefault(p => string.Equals(p.English, phrase, StringComparison.OrdinalIgnoreCase));
        return new Translation(phrase, language, index >= 0 && known.Words is not null ? known.Words[index] : null);
    }

    /// <summary>The text to summarise: whatever follows the first colon or line break, or null when there is none.</summary>
    public static string? TextToSummarize(string prompt)
    {
        var colon = prompt.IndexOf(':', StringComparison.Ordinal);
        var newline = prompt.IndexOf('\n', StringComparison.Ordinal);
        var at = colon >= 0 && (newline < 0 || colon < newline) ? colon : newline;
        if (at < 0)
        {
            return null;
        }

        var body = prompt[(at + 1)..].Trim().Trim('"', '“', '”');
        return body.Length >= 40 ? body : null;
    }

    public static IReadOnlyList<string> Sentences(string text) =>
        [.. SentenceRegex().Matches(text).Select(m => m.Value.Trim()).Where(s => s.Length > 0)];

    public static IReadOnlyList<string> KeyTerms(string text, int count)
    {
        var words = WordRegex().Matches(text.ToLowerInvariant()).Select(m => m.Value).Where(w => w.Length > 3 && !PromptAnalysis.IsStopWord(w));
        return [.. words.GroupBy(w => w).OrderByDescending(g => g.Count()).ThenBy(g => text.IndexOf(g.Key, StringComparison.OrdinalIgnoreCase)).Take(count).Select(g => g.Key)];
    }

    [GeneratedRegex(@"(?:translate\s+(?<p>.+?)\s+(?:in)?to\s+(?<l>spanish|french|german|italian|portuguese|japanese|chinese|russian|dutch|korean))|(?:(?:how (?:do|would) (?:you|i) say|what is|what's)\s+(?<p>.+?)\s+in\s+(?<l>spanish|french|german|italian|portuguese|japanese|chinese|russian|dutch|korean))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TranslateRegex();

    [GeneratedRegex(@"[^.!?]+[.!?]*", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceRegex();

    [GeneratedRegex(@"[\p{L}']+", RegexOptions.CultureInvariant)]
    private static partial Regex WordRegex();
}
