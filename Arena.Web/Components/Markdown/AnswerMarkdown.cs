using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Ganss.Xss;
using Markdig;
using Microsoft.AspNetCore.Components;

namespace Arena.Web.Components.Markdown;

/// <summary>
/// Turns a model's Markdown answer into safe HTML. Raw HTML in the answer is shown as text (Markdig's
/// DisableHtml), and the result is sanitised as well, so a model cannot inject markup or script. Code
/// blocks are highlighted (<see cref="HighlightedCodeBlocks"/>); only their classes survive sanitising.
/// The answer loads nothing from anywhere: an image is kept only as a <c>data:</c> image, any other
/// becomes a link to it under its alt text (no tracking pixel), styles can only align table cells, and
/// every link opens in a new tab with <see cref="LinkRel"/>.
/// </summary>
public sealed class AnswerMarkdown
{
    /// <summary>The <c>rel</c> of every link in an answer: no ranking credit, no window handle, no referrer.</summary>
    public const string LinkRel = "nofollow noopener noreferrer";

    /// <summary>The class of a link that stands in for an image from elsewhere.</summary>
    public const string ImageLinkClass = "answer-image-link";

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

        // Pipe tables align cells with style="text-align: …"; no other property (and so no url()) survives.
        _sanitizer.AllowedCssProperties.Clear();
        _sanitizer.AllowedCssProperties.Add("text-align");
        // data: survives sanitising so that inline images can stay; LoadNothing keeps it on images only.
        _sanitizer.AllowedSchemes.Add("data");
        _sanitizer.PostProcessDom += (_, e) => LoadNothing(e.Document);
    }

    private static void LoadNothing(IHtmlDocument document)
    {
        foreach (var image in document.QuerySelectorAll("img").ToArray())
        {
            var src = image.GetAttribute("src") ?? "";
            if (IsDataImage(src))
            {
                continue;
            }

            var alt = image.GetAttribute("alt") is { Length: > 0 } text ? text : "image";
            if (src.Length == 0)
            {
                image.Replace(document.CreateTextNode(alt));
                continue;
            }

            var link = document.CreateElement("a");
            link.SetAttribute("href", src);
            link.SetAttribute("class", ImageLinkClass);
            link.TextContent = alt;
            image.Replace(link);
        }

        foreach (var link in document.QuerySelectorAll("a").ToArray())
        {
            if (link.GetAttribute("href") is { } href && href.TrimStart().StartsWith("data:", StringComparison.OrdinalIgnoreCase))
            {
                link.RemoveAttribute("href");
            }

            link.SetAttribute("rel", LinkRel);
            link.SetAttribute("target", "_blank");
        }
    }

    private static bool IsDataImage(string src) => src.StartsWith("data:image/", StringComparison.OrdinalIgnoreCase);

    /// <summary>The answer as sanitised HTML, ready to render.</summary>
    public MarkupString Render(string markdown) =>
        new(_sanitizer.Sanitize(Markdig.Markdown.ToHtml(markdown, _pipeline)));
}
