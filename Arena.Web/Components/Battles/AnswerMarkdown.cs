using Ganss.Xss;
using Markdig;
using Microsoft.AspNetCore.Components;

namespace Arena.Web.Components.Battles;

/// <summary>
/// Turns a model's Markdown answer into safe HTML. Raw HTML in the answer is shown as text (Markdig's
/// DisableHtml), and the result is sanitised as well, so a model cannot inject markup or script.
/// </summary>
public sealed class AnswerMarkdown
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    private readonly HtmlSanitizer _sanitizer = new();

    /// <summary>The answer as sanitised HTML, ready to render.</summary>
    public MarkupString Render(string markdown) =>
        new(_sanitizer.Sanitize(Markdown.ToHtml(markdown, _pipeline)));
}
