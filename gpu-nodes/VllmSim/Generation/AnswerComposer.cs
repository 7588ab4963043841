using System.Text;

namespace VllmSim.Generation;

/// <summary>Writes an answer to the user's last message in a model's style; the same inputs and random seed give the same text.</summary>
internal sealed class AnswerComposer(string style, Random random)
{
    private static readonly string[] ChattyOpeners = ["Oh, great question!", "Ooh, I love this one!", "Happy to help with that!", "Ah, good one!", "Sure thing!"];

    private static readonly string[] ChattyConnectors = ["First off, ", "Another fun bit: ", "And honestly, ", "Oh, and ", "Also, "];

    private static readonly string[] SequentialConnectors = ["First, ", "Then ", "After that, ", "Next, "];

    private static readonly string[] ChattyWrapUps = ["Pretty neat, right?", "I find that part fascinating!", "Hope that paints a clear picture!", "Fun stuff, honestly!"];

    private static readonly string[] MethodicalIntros = ["Let's work through this step by step.", "Let's break this down step by step.", "Let's take this one step at a time."];

    private static readonly string[] AssistantLeads = ["Sure.", "Of course.", "Here you go."];

    public string Compose(PromptAnalysis prompt)
    {
        var draft = new DraftWriter(random).Write(prompt);
        return style switch
        {
            AnswerStyles.Chatty => Chatty(draft),
            AnswerStyles.Terse => Terse(draft),
            AnswerStyles.Methodical => Methodical(draft),
            AnswerStyles.Assistant => Assistant(draft),
            _ => Structured(draft),
        };
    }

    /// <summary>An answer that reports what a tool returned.</summary>
    public string SummarizeToolResult(string toolName, string result)
    {
        var trimmed = result.Trim();
        if (trimmed.Length > 400)
        {
            trimmed = trimmed[..400] + "…";
        }

        return style switch
        {
            AnswerStyles.Terse => $"`{toolName}` returned: {trimmed}",
            AnswerStyles.Chatty => $"Great news, I got a result back from `{toolName}`! Here's what it says:\n\n> {trimmed}\n\nLet me know if you'd like me to look anything else up!",
            AnswerStyles.Methodical => $"1. I called `{toolName}`.\n2. It returned:\n\n```\n{trimmed}\n```\n\n**Summary:** the result above answers your request.",
            _ => $"Based on the result from `{toolName}`:\n\n- {trimmed}\n\nTell me if you need anything else.",
        };
    }

    private static string Structured(AnswerDraft d)
    {
        if (d.Plain)
        {
            return d.Answer;
        }

        var sb = new StringBuilder(d.Intro ?? d.Answer);
        if (d.Intro is not null && d.PointsAreTheList)
        {
            sb.Append(' ').Append(d.Answer);
        }

        AppendBlock(sb, d.Block);
        AppendBlock(sb, d.Table);
        if (d.Points.Count > 0)
        {
            sb.Append("\n\n### ").Append(d.Heading).Append("\n\n");
            sb.AppendJoin('\n', d.Points.Select(p => "- " + p));
        }

        if (d.Closing.Length > 0)
        {
            sb.Append("\n\n### Conclusion\n\n").Append(d.Closing);
        }

        return sb.ToString();
    }

    private string Chatty(AnswerDraft d)
    {
        var opener = Pick(ChattyOpeners);
        if (d.Plain)
        {
            return d.Answer.EndsWith('?') ? $"{d.Answer} 😊" : $"{d.Answer} {d.Question}";
        }

        var sb = new StringBuilder(opener).Append(' ').Append(d.Answer);
        AppendBlock(sb, d.Block);
        if (d.PointsAreTheList)
        {
            sb.Append("\n\n").Append(Numbered(d.Points));
            sb.Append("\n\n").Append(Pick("Mix and match, they combine nicely!", "Any of these can be scaled up or down!", "My favourite is probably the first one!"));
        }
        else if (d.Creative)
        {
            sb.Append("\n\n").Append(Pick("I had fun with that one!", "That was fun to write!", "Hope that made you smile!"));
        }
        else if (NewPoints(d).Take(4).ToList() is { Count: > 0 } points)
        {
            sb.Append("\n\n");
            var connectors = d.Sequential ? SequentialConnectors : ChattyConnectors;
            for (var i = 0; i < points.Count; i++)
            {
                var connector = d.Sequential && i == points.Count - 1 && i > 0 ? "Finally, " : connectors[i % connectors.Length];
                sb.Append(connector).Append(DraftWriter.LowerFirst(points[i]));
                sb.Append(i == 1 && points.Count > 2 ? "\n\n" : " ");
            }

            sb.Append(d.Sequential ? Pick("Easy, right?", "That's all there is to it!", "You've got this!") : Pick(ChattyWrapUps));
        }

        sb.Append("\n\n").Append(d.Question);
        return sb.ToString();
    }

    private static string Terse(AnswerDraft d)
    {
        if (d.Terse is not null)
        {
            return d.Terse;
        }

        if (d.PointsAreTheList)
        {
            return Numbered(d.Points.Select(Shorten));
        }

        if (d.Block is not null)
        {
            return d.Block;
        }

        var first = d.Points.FirstOrDefault();
        return first is null || d.Answer.Contains(first, StringComparison.Ordinal) || d.Answer.Length > 160 || d.Answer.EndsWith(':')
            ? d.Answer
            : $"{d.Answer} {first}";
    }

    private string Methodical(AnswerDraft d)
    {
        if (d.Plain)
        {
            return $"{d.Answer} Tell me what you're working on and we'll take it step by step.";
        }

        var sb = new StringBuilder(Pick(MethodicalIntros)).Append("\n\n").Append(d.Answer);
        if (d.Creative)
        {
            sb.Append("\n\n").Append(Numbered(d.Points)).Append("\n\n").Append(d.Block);
        }
        else if (d.Block is not null)
        {
            sb.Append("\n\n1. **Approach:** ").Append(d.Points.Count > 0 ? d.Points[0] : "keep it small and easy to test.");
            sb.Append("\n2. **Implement it:**\n\n").Append(d.Block);
            sb.Append("\n\n3. **Check the edge cases:** ").Append(d.Points.Count > 1 ? d.Points[1] : "run it on a small example and compare with the expected output.");
            sb.Append("\n4. **Verify:** run the sample call and compare with the expected output.");
        }
        else if ((d.PointsAreTheList ? d.Points : NewPoints(d)) is { Count: > 0 } points)
        {
            sb.Append("\n\n").Append(Numbered(points));
        }

        sb.Append("\n\n**Summary:** ").Append(d.Closing.Length > 0 ? d.Closing : d.Answer);
        return sb.ToString();
    }

    private string Assistant(AnswerDraft d)
    {
        if (d.Plain || d.Creative)
        {
            return d.Plain ? d.Answer : $"{d.Answer}\n\n{d.Block}";
        }

        var sb = new StringBuilder(Pick(AssistantLeads)).Append(' ').Append(d.Answer);
        AppendBlock(sb, d.Block);
        var points = d.PointsAreTheList ? d.Points : d.Block is null ? NewPoints(d).Take(3).ToList() : [];
        if (points.Count > 0)
        {
            sb.Append("\n\n").AppendJoin('\n', points.Select(p => "- " + p));
        }

        return sb.ToString();
    }

    /// <summary>The points the answer has not already said.</summary>
    private static List<string> NewPoints(AnswerDraft d) => [.. d.Points.Where(p => !d.Answer.Contains(p, StringComparison.Ordinal))];

    private static void AppendBlock(StringBuilder sb, string? block)
    {
        if (block is not null)
        {
            sb.Append("\n\n").Append(block);
        }
    }

    private static string Numbered(IEnumerable<string> items) => string.Join('\n', items.Select((p, i) => $"{i + 1}. {p}"));

    private static string Shorten(string idea)
    {
        var end = idea.IndexOf(":** ", StringComparison.Ordinal);
        return idea.StartsWith("**", StringComparison.Ordinal) && end > 0 ? idea[2..end] : idea;
    }

    private string Pick(params string[] options) => options[random.Next(options.Length)];
}
