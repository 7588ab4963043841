using System.Collections.Frozen;

namespace Arena.Web.Components.Markdown;

/// <summary>
/// What the highlighter needs to know about a language: its keywords, comments and string quotes.
/// Unknown or missing fence names get <see cref="Generic"/>.
/// </summary>
public sealed class CodeLanguage
{
    private CodeLanguage(string name, string keywords, string[] lineComments, string[] quotes)
    {
        Name = name;
        Keywords = keywords.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);
        LineComments = lineComments;
        Quotes = quotes;
    }

    /// <summary>The name shown above the block, e.g. <c>python</c>.</summary>
    public string Name { get; }

    /// <summary>Reserved words and literals such as <c>true</c>.</summary>
    public FrozenSet<string> Keywords { get; }

    /// <summary>Keywords match in any case (SQL).</summary>
    public bool IgnoreCase { get; private init; }

    /// <summary>What starts a comment that runs to the end of the line.</summary>
    public IReadOnlyList<string> LineComments { get; }

    /// <summary>True when <c>/* … */</c> comments exist.</summary>
    public bool BlockComments { get; private init; }

    /// <summary>String delimiters, longest first (<c>"""</c> before <c>"</c>).</summary>
    public IReadOnlyList<string> Quotes { get; }

    /// <summary>A line comment starts only at a line's start or after a space (<c>#</c> in shell, not in <c>$#</c>).</summary>
    public bool CommentNeedsSpace { get; private init; }

    /// <summary><c>$name</c> and <c>${…}</c> are variables (shell).</summary>
    public bool DollarVariables { get; private init; }

    /// <summary>A string followed by a colon is an object key (JSON).</summary>
    public bool MarksKeys { get; private init; }

    /// <summary>A doubled quote inside a string stands for the quote itself (SQL).</summary>
    public bool DoubledQuoteEscapes { get; private init; }

    /// <summary>C#'s <c>@"…"</c> strings: no backslash escapes, <c>""</c> is a quote.</summary>
    public bool VerbatimStrings { get; private init; }

    public static readonly CodeLanguage CSharp = new("csharp",
        "abstract as async await base bool break byte case catch char checked class const continue decimal default delegate do double " +
        "else enum event explicit extern false finally fixed float for foreach get goto if implicit in init int interface internal is " +
        "lock long namespace new null object operator out override params partial private protected public readonly record ref required " +
        "return sbyte sealed set short sizeof stackalloc static string struct switch this throw true try typeof uint ulong unchecked " +
        "unsafe ushort using var virtual void volatile when where while with yield",
        ["//"], ["\"\"\"", "\"", "'"])
    { BlockComments = true, VerbatimStrings = true };

    public static readonly CodeLanguage Python = new("python",
        "False None True and as assert async await break class continue def del elif else except finally for from global if import " +
        "in is lambda match nonlocal not or pass raise return try while with yield self",
        ["#"], ["\"\"\"", "'''", "\"", "'"]);

    public static readonly CodeLanguage JavaScript = new("javascript",
        "abstract any as async await boolean break case catch class const constructor continue debugger declare default delete do else enum " +
        "export extends false finally for from function get if implements import in instanceof interface let new null number of private " +
        "protected public readonly return set static string super switch this throw true try type typeof undefined var void while with yield",
        ["//"], ["\"", "'", "`"])
    { BlockComments = true };

    public static readonly CodeLanguage Json = new("json", "true false null", [], ["\""]) { MarksKeys = true };

    public static readonly CodeLanguage Bash = new("bash",
        "if then else elif fi case esac for while until do done in function return local export readonly declare set unset shift " +
        "exit echo printf source alias true false",
        ["#"], ["\"", "'"])
    { CommentNeedsSpace = true, DollarVariables = true };

    public static readonly CodeLanguage Sql = new("sql",
        "select from where and or not insert into values update set delete create table view index drop alter add primary key foreign " +
        "references join inner left right full outer cross on as group by order having limit offset distinct union all exists in is null " +
        "like between case when then else end asc desc with count sum avg min max default unique check constraint true false",
        ["--"], ["'", "\""])
    { BlockComments = true, IgnoreCase = true, DoubledQuoteEscapes = true };

    /// <summary>For anything else: C-like comments, common quotes and a few words most languages share.</summary>
    public static readonly CodeLanguage Generic = new("",
        "if else for while do return function func fn def class struct enum import package public private static const let var new " +
        "true false null nil void int string bool break continue switch case try catch throw",
        ["//"], ["\"", "'", "`"])
    { BlockComments = true };

    private static readonly FrozenDictionary<string, CodeLanguage> ByName = new Dictionary<string, CodeLanguage>(StringComparer.OrdinalIgnoreCase)
    {
        ["csharp"] = CSharp, ["cs"] = CSharp, ["c#"] = CSharp,
        ["python"] = Python, ["py"] = Python, ["python3"] = Python,
        ["javascript"] = JavaScript, ["js"] = JavaScript, ["jsx"] = JavaScript, ["mjs"] = JavaScript,
        ["typescript"] = JavaScript, ["ts"] = JavaScript, ["tsx"] = JavaScript,
        ["json"] = Json, ["jsonc"] = Json,
        ["bash"] = Bash, ["sh"] = Bash, ["shell"] = Bash, ["zsh"] = Bash, ["console"] = Bash,
        ["sql"] = Sql, ["postgresql"] = Sql, ["sqlite"] = Sql, ["mysql"] = Sql,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The language a fence names (its first word, e.g. <c>ts</c> in <c>```ts title</c>), or <see cref="Generic"/>.</summary>
    public static CodeLanguage For(string? fence)
    {
        var name = fence?.Trim().Split(' ', 2)[0] ?? "";
        return ByName.TryGetValue(name, out var language) ? language : Generic;
    }

    /// <summary>True when <paramref name="word"/> is one of this language's keywords.</summary>
    public bool IsKeyword(string word) => Keywords.Contains(IgnoreCase ? word.ToLowerInvariant() : word);
}
