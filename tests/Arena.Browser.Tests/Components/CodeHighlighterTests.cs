extern alias ArenaWeb;

using System.Net;
using System.Text.RegularExpressions;
using ArenaWeb::Arena.Web.Components.Markdown;

namespace Arena.Browser.Tests.Components;

public sealed partial class CodeHighlighterTests
{
    [Fact]
    public void Highlight_CSharp_MarksKeywordsNumbersCommentsAndStrings()
    {
        var html = CodeHighlighter.Highlight("var total = 42; // the answer\nreturn \"done\";", CodeLanguage.CSharp);

        Assert.Contains("<span class=\"tok-kw\">var</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-kw\">return</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-num\">42</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-com\">// the answer</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-str\">&quot;done&quot;</span>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-kw\">total", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Highlight_CommentMarkerInsideString_StaysString()
    {
        var html = CodeHighlighter.Highlight("url = \"http://example.com\" # site", CodeLanguage.Python);

        Assert.Contains("<span class=\"tok-str\">&quot;http://example.com&quot;</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-com\"># site</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Highlight_PythonTripleQuotedDocstring_IsOneString()
    {
        var html = CodeHighlighter.Highlight("def f():\n    \"\"\"Say \"hi\" twice.\"\"\"\n    return None", CodeLanguage.Python);

        Assert.Contains("<span class=\"tok-str\">&quot;&quot;&quot;Say &quot;hi&quot; twice.&quot;&quot;&quot;</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-kw\">def</span> <span class=\"tok-fn\">f</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-kw\">None</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Highlight_Json_MarksKeysApartFromValues()
    {
        var html = CodeHighlighter.Highlight("{\"name\": \"arena\", \"votes\": 3, \"ok\": true}", CodeLanguage.Json);

        Assert.Contains("<span class=\"tok-key\">&quot;name&quot;</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-str\">&quot;arena&quot;</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-num\">3</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-kw\">true</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Highlight_Bash_MarksVariablesAndOnlyRealComments()
    {
        var html = CodeHighlighter.Highlight("echo \"$#\" ${HOME} $count # note", CodeLanguage.Bash);

        Assert.Contains("<span class=\"tok-var\">${HOME}</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-var\">$count</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-com\"># note</span>", html, StringComparison.Ordinal);
        Assert.Single(CommentSpan().Matches(html));
    }

    [Fact]
    public void Highlight_Sql_KeywordsInAnyCaseAndDoubledQuotes()
    {
        var html = CodeHighlighter.Highlight("SELECT name FROM t WHERE note = 'it''s' -- why\nlimit 5", CodeLanguage.Sql);

        Assert.Contains("<span class=\"tok-kw\">SELECT</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-kw\">limit</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-str\">&#39;it&#39;&#39;s&#39;</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-com\">-- why</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Highlight_TypeScriptBlockCommentAndTemplate_AreMarked()
    {
        var html = CodeHighlighter.Highlight("/* a\nb */ const s = `x ${y}`;", CodeLanguage.For("ts"));

        Assert.Contains("<span class=\"tok-com\">/* a\nb */</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-kw\">const</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-str\">`x ${y}`</span>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cs", "csharp")]
    [InlineData("C#", "csharp")]
    [InlineData("py", "python")]
    [InlineData("tsx", "javascript")]
    [InlineData("sh", "bash")]
    [InlineData("json title=\"x\"", "json")]
    [InlineData("cobol", "")]
    [InlineData(null, "")]
    public void For_FenceName_PicksLanguageOrGeneric(string? fence, string expected) =>
        Assert.Equal(expected, CodeLanguage.For(fence).Name);

    [Fact]
    public void Highlight_Markup_IsEscaped()
    {
        var html = CodeHighlighter.Highlight("x = \"<script>alert(1)</script>\" < 3 && y > 2", CodeLanguage.Generic);

        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&amp;&amp;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("csharp", "var s = @\"C:\\path\"\"x\"\"\"; /* open")]
    [InlineData("python", "s = 'unterminated\nx = 1e-3 + 0x1F")]
    [InlineData("bash", "for f in *.txt; do echo \"${f%.txt}\"; done # loop")]
    [InlineData("sql", "/* c */ SELECT 'a''b' FROM x; -- end")]
    [InlineData("json", "{\"a\": [1, 2.5, -3], \"b\": \"\\\"q\\\"\"}")]
    [InlineData("", "weird ` unclosed \" strings ' and // comments <b>&</b>")]
    public void Highlight_AnyCode_StripsBackToTheOriginal(string language, string code)
    {
        var html = CodeHighlighter.Highlight(code, CodeLanguage.For(language));

        Assert.Equal(code, WebUtility.HtmlDecode(Tag().Replace(html, "")));
    }

    [GeneratedRegex("<span class=\"tok-com\">")]
    private static partial Regex CommentSpan();

    [GeneratedRegex("</?span[^>]*>")]
    private static partial Regex Tag();
}
