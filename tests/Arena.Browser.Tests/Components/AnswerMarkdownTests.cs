extern alias ArenaWeb;

using ArenaWeb::Arena.Web.Components.Battles;

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
}
