using System.Text;

namespace Arena.Web.Components.Markdown;

/// <summary>
/// A small single-pass highlighter: it wraps keywords, strings, comments, numbers (and, where the language
/// has them, variables, keys and function names) in <c>&lt;span class="tok-…"&gt;</c>. Everything else is
/// HTML-encoded text, so stripping the spans gives back the code exactly.
/// </summary>
public static class CodeHighlighter
{
    /// <summary>The CSS classes the output uses; the sanitiser allows exactly these.</summary>
    public static readonly IReadOnlyList<string> Classes = ["tok-kw", "tok-str", "tok-com", "tok-num", "tok-var", "tok-key", "tok-fn"];

    /// <summary>The code as HTML with token spans.</summary>
    public static string Highlight(string code, CodeLanguage language)
    {
        var html = new StringBuilder(code.Length * 2);
        var i = 0;
        while (i < code.Length)
        {
            var c = code[i];
            int end;
            if (language.BlockComments && At(code, i, "/*"))
            {
                end = code.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? code.Length : end + 2;
                Span(html, "tok-com", code, i, end);
            }
            else if (LineCommentAt(code, i, language))
            {
                end = code.IndexOf('\n', i);
                end = end < 0 ? code.Length : end;
                Span(html, "tok-com", code, i, end);
            }
            else if (language.VerbatimStrings && c == '@' && At(code, i + 1, "\""))
            {
                end = VerbatimEnd(code, i + 2);
                Span(html, "tok-str", code, i, end);
            }
            else if (QuoteAt(code, i, language) is { } quote)
            {
                end = StringEnd(code, i + quote.Length, quote, language);
                var isKey = language.MarksKeys && NextNonSpace(code, end) == ':';
                Span(html, isKey ? "tok-key" : "tok-str", code, i, end);
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < code.Length && char.IsAsciiDigit(code[i + 1])))
            {
                end = i + 1;
                while (end < code.Length && (char.IsAsciiLetterOrDigit(code[end]) || code[end] is '_' or '.') && !At(code, end, ".."))
                {
                    end++;
                }

                Span(html, "tok-num", code, i, end);
            }
            else if (language.DollarVariables && c == '$' && i + 1 < code.Length && (code[i + 1] == '{' || IsWordStart(code[i + 1]) || char.IsAsciiDigit(code[i + 1])))
            {
                var close = code.IndexOf('}', i);
                end = code[i + 1] != '{' ? WordEnd(code, i + 1) : close < 0 ? code.Length : close + 1;
                Span(html, "tok-var", code, i, end);
            }
            else if (IsWordStart(c))
            {
                end = WordEnd(code, i);
                var word = code[i..end];
                var kind = language.IsKeyword(word) ? "tok-kw" : NextNonSpace(code, end) == '(' ? "tok-fn" : null;
                if (kind is null)
                {
                    Encode(html, code, i, end);
                }
                else
                {
                    Span(html, kind, code, i, end);
                }
            }
            else
            {
                end = i + 1;
                Encode(html, code, i, end);
            }

            i = end;
        }

        return html.ToString();
    }

    private static bool At(string code, int i, string token) =>
        i + token.Length <= code.Length && string.CompareOrdinal(code, i, token, 0, token.Length) == 0;

    private static bool LineCommentAt(string code, int i, CodeLanguage language)
    {
        foreach (var marker in language.LineComments)
        {
            if (At(code, i, marker) && (!language.CommentNeedsSpace || i == 0 || char.IsWhiteSpace(code[i - 1])))
            {
                return true;
            }
        }

        return false;
    }

    private static string? QuoteAt(string code, int i, CodeLanguage language)
    {
        foreach (var quote in language.Quotes)
        {
            if (At(code, i, quote))
            {
                return quote;
            }
        }

        return null;
    }

    // The index just past the closing quote; an unclosed one-character string ends at the line's end
    // (the answer may still be streaming), an unclosed triple-quoted one at the end of the code.
    private static int StringEnd(string code, int i, string quote, CodeLanguage language)
    {
        while (i < code.Length)
        {
            if (quote.Length == 1 && code[i] == '\n' && quote != "`")
            {
                return i;
            }

            if (code[i] == '\\' && !language.DoubledQuoteEscapes)
            {
                i += 2;
                continue;
            }

            if (At(code, i, quote))
            {
                if (language.DoubledQuoteEscapes && At(code, i + 1, quote))
                {
                    i += 2;
                    continue;
                }

                return i + quote.Length;
            }

            i++;
        }

        return code.Length;
    }

    private static int VerbatimEnd(string code, int i)
    {
        while (i < code.Length)
        {
            if (code[i] == '"')
            {
                if (At(code, i + 1, "\""))
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            i++;
        }

        return code.Length;
    }

    private static bool IsWordStart(char c) => char.IsLetter(c) || c == '_';

    private static int WordEnd(string code, int i)
    {
        while (i < code.Length && (char.IsLetterOrDigit(code[i]) || code[i] == '_'))
        {
            i++;
        }

        return i;
    }

    private static char NextNonSpace(string code, int i)
    {
        while (i < code.Length && code[i] is ' ' or '\t')
        {
            i++;
        }

        return i < code.Length ? code[i] : '\0';
    }

    private static void Span(StringBuilder html, string kind, string code, int start, int end)
    {
        html.Append("<span class=\"").Append(kind).Append("\">");
        Encode(html, code, start, end);
        html.Append("</span>");
    }

    private static void Encode(StringBuilder html, string code, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            switch (code[i])
            {
                case '&': html.Append("&amp;"); break;
                case '<': html.Append("&lt;"); break;
                case '>': html.Append("&gt;"); break;
                case '"': html.Append("&quot;"); break;
                case '\'': html.Append("&#39;"); break;
                default: html.Append(code[i]); break;
            }
        }
    }
}
