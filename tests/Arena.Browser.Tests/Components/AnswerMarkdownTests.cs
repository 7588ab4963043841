extern alias ArenaWeb;

using ArenaWeb::Arena.Web.Components.Markdown;

namespace Arena.Browser.Tests.Components;

public sealed class AnswerMarkdownTests
{
    private readonly AnswerMarkdown _markdown = new();

    [Fact]
    public void Render_Markdown_BecomesHtml()
    {
        var html = _markdown.Render("Use **bold** and `code`.\n\n1. one\n2. two").Value;

        Assert.Contains("<strong>bold</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<code>code</code>", html, StringComparison.Ordinal);
        Assert.Contains("<ol>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("[click](javascript:alert(1))")]
    public void Render_HostileAnswer_CarriesNoScript(string answer)
    {
        var html = _markdown.Render(answer).Value;

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Render_FencedCode_IsHighlightedWithCopyButton()
    {
        var html = _markdown.Render("Here:\n\n```python\ndef add(a, b):\n    return a + b  # sum\n```").Value;

        Assert.Contains("<div class=\"code-block\">", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"code-lang\">python</span>", html, StringComparison.Ordinal);
        Assert.Contains("<button type=\"button\" class=\"code-copy\" aria-label=\"Copy code\">Copy</button>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-kw\">def</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-com\"># sum</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UnclosedFenceWhileStreaming_IsStillACodeBlock()
    {
        var html = _markdown.Render("```js\nconst x = 1;").Value;

        Assert.Contains("<span class=\"tok-kw\">const</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HostileCodeAndFenceName_StayText()
    {
        var html = _markdown.Render("```<img src=x onerror=alert(1)>\n</code></pre><script>alert(1)</script>\n```").Value;

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ClassesOutsideTheHighlighter_AreDropped()
    {
        var html = _markdown.Render("Inline `code` and a [link](https://example.com).").Value;

        Assert.DoesNotContain("class=", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_BlankLinesInCode_AreKeptExactly()
    {
        var html = _markdown.Render("```python\nx = 1\n\n\ny = 2\n```").Value;

        Assert.Contains("<span class=\"tok-num\">1</span>\n\n\ny", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-num\">2</span></code>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("![tracking pixel](https://tracker.example/p.gif?u=1)", "https://tracker.example/p.gif?u=1", "tracking pixel")]
    [InlineData("Look: ![](http://tracker.example/x.png)", "http://tracker.example/x.png", "image")]
    [InlineData("![chart](//cdn.example/chart.png)", "//cdn.example/chart.png", "chart")]
    [InlineData("![logo](/favicon.svg)", "/favicon.svg", "logo")]
    public void Render_ImageFromElsewhere_BecomesALinkUnderItsAltText(string answer, string url, string text)
    {
        var html = _markdown.Render(answer).Value;

        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"<a href=\"{url.Replace("&", "&amp;", StringComparison.Ordinal)}\" class=\"{AnswerMarkdown.ImageLinkClass}\" rel=\"{AnswerMarkdown.LinkRel}\" target=\"_blank\">{text}</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_DataImage_StaysAnImage()
    {
        const string pixel = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

        var html = _markdown.Render($"![dot]({pixel})").Value;

        Assert.Contains($"<img src=\"{pixel}\" alt=\"dot\">", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[docs](https://example.com/docs)")]
    [InlineData("See https://example.com/auto for more.")]
    [InlineData("<https://example.com/angle>")]
    public void Render_Link_GetsRelNofollowNoopenerNoreferrerAndOpensAside(string answer)
    {
        var html = _markdown.Render(answer).Value;

        Assert.Contains($"rel=\"{AnswerMarkdown.LinkRel}\"", html, StringComparison.Ordinal);
        Assert.Contains("target=\"_blank\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_DataLink_KeepsItsTextButNoHref()
    {
        var html = _markdown.Render("[open](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)").Value;

        Assert.DoesNotContain("data:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(">open</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Table_KeepsOnlyTextAlignStyles()
    {
        var html = _markdown.Render("| a | b |\n|--:|:-:|\n| 1 | 2 |").Value;

        Assert.Contains("style=\"text-align: right\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("url(", html, StringComparison.Ordinal);
    }
}
