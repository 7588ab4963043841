using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Arena.Web.Components.Markdown;

/// <summary>
/// A Markdig extension that renders code blocks through <see cref="CodeHighlighter"/>, inside a frame with
/// the language's name and a copy button (wired up by <c>wwwroot/js/arena.js</c>).
/// </summary>
public sealed class HighlightedCodeBlocks : IMarkdownExtension
{
    /// <summary>The classes of the frame around each block; the sanitiser allows exactly these and the token classes.</summary>
    public static readonly IReadOnlyList<string> Classes = ["code-block", "code-head", "code-lang", "code-copy"];

    public void Setup(MarkdownPipelineBuilder pipeline)
    {
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html && !html.ObjectRenderers.ReplaceOrAdd<CodeBlockRenderer>(new Renderer()))
        {
            throw new InvalidOperationException("Markdig's HTML renderer has no code block renderer to replace.");
        }
    }

    private sealed class Renderer : HtmlObjectRenderer<CodeBlock>
    {
        protected override void Write(HtmlRenderer renderer, CodeBlock block)
        {
            var fence = (block as FencedCodeBlock)?.Info;
            var language = CodeLanguage.For(fence);
            var label = fence?.Trim().Split(' ', 2)[0] is { Length: > 0 } name ? name : "code";
            renderer.EnsureLine();
            renderer.Write("<div class=\"code-block\"><div class=\"code-head\"><span class=\"code-lang\">");
            renderer.WriteEscape(label);
            renderer.Write("</span><button type=\"button\" class=\"code-copy\" aria-label=\"Copy code\">Copy</button></div><pre><code>");
            renderer.Write(CodeHighlighter.Highlight(block.Lines.ToString(), language));
            renderer.WriteLine("</code></pre></div>");
        }
    }
}
