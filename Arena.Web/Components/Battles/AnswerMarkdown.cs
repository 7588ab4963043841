using Ganss.Xss;
using Markdig;
using Microsoft.AspNetCore.Components;

namespace Arena.Web.Components.Battles;

/// <summary>
/// Turns a model's Markdown answer into safe HTML. Raw HTML in the answer is shown as text (Markdig's
/// DisableHtml), and the result is sanitised as well, so a model cannot inject markup or script. Code
/// blocks are highlighted (<see cref="HighlightedCodeBlocks"/>); only their classes survive sanitising.
/// </summary>
public sealed class AnswerMarkdown
{
    private readonly MarkdownPipeline _pipeline;
    private readonly HtmlSanitizer _sanitizer = new();

    public AnswerMarkdown()
    {
        var builder = new MarkdownPipelineBuilder()
            .DisableHtml()
            .UsePipeTables()
            .UseAutoLinks()
            .UseEmphasisExtras()
            .UseSoftlineBreakAsHardlineBreak();
        builder.Extensions.Add(new HighlightedCodeBlocks());
        _pipeline = builder.Build();

        _sanitizer.AllowedTags.Add("button");
        _sanitizer.AllowedAttributes.Add("class");
        _sanitizer.AllowedAttributes.Add("type");
        _sanitizer.AllowedAttributes.Add("aria-label");
        foreach (var name in HighlightedCodeBlocks.Classes.Concat(CodeHighlighter.Classes))
        {
            _sanitizer.AllowedClasses.Add(name);
        }
    }

    /// <summary>The answer as sanitised HTML, ready to render.</summary>
    public MarkupString Render(string markdown) =>
        new(_sanitizer.Sanitize(Markdown.ToHtml(markdown, _pipeline)));
}
