using System.Text;

namespace VllmSim.Generation;

/// <summary>Writes an answer to the user's last message in a model's style; the same inputs and random seed give the same text.</summary>
internal sealed class AnswerComposer(string style, Random random)
{
    private PromptAnalysis _prompt = PromptAnalysis.Analyze("");

    public string Compose(PromptAnalysis prompt)
    {
        _prompt = prompt;
        return style switch
        {
            AnswerStyles.Chatty => Chatty(),
            AnswerStyles.Terse => Terse(),
            AnswerStyles.Methodical => Methodical(),
            AnswerStyles.Assistant => Assistant(),
            _ => Structured(),
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

    private string Structured()
    {
        var sb = new StringBuilder();
        switch (_prompt.Kind)
        {
            case QuestionKind.Greeting:
                return "Hello! I'm a simulated assistant. Ask me anything, and I'll give you a structured answer.";
            case QuestionKind.Code:
                sb.Append(Fill($"Here's a concise implementation for {{t}} in {LanguageName()}.")).Append("\n\n");
                sb.Append(CodeSnippets.For(_prompt)).Append("\n\n### How it works\n\n");
                sb.Append("- The function takes its input as a parameter and returns a new value instead of changing the input.\n");
                sb.Append("- It handles the simple edge cases (empty or very small input) directly.\n");
                sb.Append("- The last line shows a sample call so you can run it right away.\n\n");
                sb.Append("### Conclusion\n\nAdapt the names and add tests for the edge cases that matter in your project.");
                return sb.ToString();
            case QuestionKind.Compare when _prompt.CompareA is not null:
                sb.Append(Fill("Here's a side-by-side look at **{a}** and **{b}**.")).Append("\n\n### Comparison\n\n");
                AppendBullets(sb, PhraseBank.CompareAspects, 4);
                sb.Append("\n### Conclusion\n\n").Append(Fill("Choose {a} for a quick start and broad support; choose {b} when its strengths match your needs."));
                return sb.ToString();
            case QuestionKind.HowTo:
                sb.Append(Fill(Pick(PhraseBank.Intros))).Append("\n\n### Steps\n\n");
                AppendBullets(sb, PhraseBank.Steps, 5);
                break;
            case QuestionKind.Why:
                sb.Append(Fill("There are a few reasons behind {t}.")).Append("\n\n### Key reasons\n\n");
                AppendBullets(sb, PhraseBank.Reasons, 4);
                break;
            default:
                sb.Append(Fill(Pick(PhraseBank.Intros))).Append("\n\n### Key points\n\n");
                AppendBullets(sb, PhraseBank.Facets, 5);
                break;
        }

        sb.Append("\n### Conclusion\n\n").Append(Fill(Pick(PhraseBank.Conclusions)));
        return sb.ToString();
    }

    private string Chatty()
    {
        if (_prompt.Kind == QuestionKind.Greeting)
        {
            return "Hey there! It's so nice to hear from you. What's on your mind today? I'm happy to chat about pretty much anything!";
        }

        var sb = new StringBuilder(Pick(PhraseBank.ChattyOpeners)).Append(' ');
        sb.Append(Fill("{T} is one of those things that's more fun than it first looks, so let's dive in.")).Append("\n\n");
        if (_prompt.Kind == QuestionKind.Code)
        {
            sb.Append($"Here's a little {LanguageName()} snippet you can play with:\n\n").Append(CodeSnippets.For(_prompt)).Append("\n\n");
            sb.Append("Try running it with a few different inputs. It's a great way to get a feel for what's going on!");
        }
        else
        {
            var source = _prompt.Kind switch
            {
                QuestionKind.HowTo => PhraseBank.Steps,
                QuestionKind.Why => PhraseBank.Reasons,
                QuestionKind.Compare => PhraseBank.CompareAspects,
                _ => PhraseBank.Facets,
            };
            var sentences = Choose(source, 4).Select(s => StripLabel(Fill(s))).ToList();
            for (var i = 0; i < sentences.Count; i++)
            {
                sb.Append(PhraseBank.ChattyConnectors[i % PhraseBank.ChattyConnectors.Length]).Append(StartsWithName(sentences[i]) ? sentences[i] : LowerFirst(sentences[i]));
                sb.Append(i == 1 ? "\n\n" : " ");
            }
        }

        sb.Append("\n\n").Append(Fill(Pick(PhraseBank.ChattyClosers)));
        return sb.ToString();
    }

    private string Terse()
    {
        return _prompt.Kind switch
        {
            QuestionKind.Greeting => "Hi. What do you need?",
            QuestionKind.Code => CodeSnippets.For(_prompt),
            QuestionKind.Compare when _prompt.CompareA is not null =>
                Fill("{a}: easier start, broad support. {b}: stronger in specialised cases. Pick by constraints."),
            QuestionKind.HowTo => Fill("1. Define the goal.\n2. Try {k0} on a small case.\n3. Check {k1}, then scale up."),
            QuestionKind.Why => Fill(Pick(PhraseBank.Reasons)),
            _ => Fill(Pick(PhraseBank.TerseAnswers)),
        };
    }

    private string Methodical()
    {
        if (_prompt.Kind == QuestionKind.Greeting)
        {
            return "Hello! Please describe your question, and I will work through it step by step.";
        }

        var sb = new StringBuilder(Fill("Let's work through {t} step by step.")).Append("\n\n");
        if (_prompt.Kind == QuestionKind.Code)
        {
            sb.Append($"1. **Understand the task:** the code needs to handle {_prompt.Topic}.\n");
            sb.Append($"2. **Choose the approach:** a small, pure function in {LanguageName()}.\n");
            sb.Append("3. **Implement it:**\n\n").Append(CodeSnippets.For(_prompt)).Append("\n\n");
            sb.Append("4. **Verify:** run the sample call and compare with the expected output.\n\n");
            sb.Append("**Summary:** the function above solves the task and is easy to test.");
            return sb.ToString();
        }

        var source = _prompt.Kind switch
        {
            QuestionKind.Why => PhraseBank.Reasons,
            QuestionKind.Compare => PhraseBank.CompareAspects,
            QuestionKind.HowTo => PhraseBank.Steps,
            _ => PhraseBank.Facets,
        };
        var items = _prompt.Kind == QuestionKind.HowTo ? PhraseBank.Steps.Take(5).ToList() : Choose(source, 4);
        for (var i = 0; i < items.Count; i++)
        {
            sb.Append(i + 1).Append(". ").Append(Fill(items[i])).Append('\n');
        }

        sb.Append('\n').Append(Fill("**Summary:** by going through these steps in order, {t} becomes clear and manageable."));
        return sb.ToString();
    }

    private string Assistant()
    {
        if (_prompt.Kind == QuestionKind.Greeting)
        {
            return "Hi! I can answer questions and use tools when they are available. What do you need?";
        }

        if (_prompt.Kind == QuestionKind.Code)
        {
            return $"Here is a {LanguageName()} version:\n\n{CodeSnippets.For(_prompt)}";
        }

        var sb = new StringBuilder(Fill("Sure. Here is what matters about {t}:")).Append("\n\n");
        AppendBullets(sb, PhraseBank.Facets, 3);
        return sb.ToString().TrimEnd();
    }

    private void AppendBullets(StringBuilder sb, string[] source, int count)
    {
        foreach (var line in Choose(source, count))
        {
            sb.Append("- ").Append(Fill(line)).Append('\n');
        }
    }

    /// <summary>Picks <paramref name="count"/> distinct templates, keeping their original order.</summary>
    private List<string> Choose(string[] source, int count)
    {
        var indexes = Enumerable.Range(0, source.Length).OrderBy(_ => random.Next()).Take(Math.Min(count, source.Length)).Order();
        return [.. indexes.Select(i => source[i])];
    }

    private string Pick(string[] source) => source[random.Next(source.Length)];

    private string Fill(string template)
    {
        var k = _prompt.Keywords;
        string Key(int i) => k.Count == 0 ? "the basics" : k[Math.Min(i, k.Count - 1)];
        return template
            .Replace("{t}", _prompt.Topic, StringComparison.Ordinal)
            .Replace("{T}", UpperFirst(_prompt.Topic), StringComparison.Ordinal)
            .Replace("{k0}", Key(0), StringComparison.Ordinal)
            .Replace("{k1}", Key(1), StringComparison.Ordinal)
            .Replace("{k2}", Key(2), StringComparison.Ordinal)
            .Replace("{a}", _prompt.CompareA ?? Key(0), StringComparison.Ordinal)
            .Replace("{b}", _prompt.CompareB ?? Key(1), StringComparison.Ordinal);
    }

    private string LanguageName() => _prompt.Language switch
    {
        "csharp" => "C#",
        "javascript" => "JavaScript",
        "typescript" => "TypeScript",
        "sql" => "SQL",
        var other => UpperFirst(other),
    };

    private bool StartsWithName(string s) =>
        (_prompt.CompareA is { Length: > 0 } a && s.StartsWith(a, StringComparison.Ordinal))
        || (_prompt.CompareB is { Length: > 0 } b && s.StartsWith(b, StringComparison.Ordinal));

    private static string StripLabel(string s)
    {
        var end = s.StartsWith("**", StringComparison.Ordinal) ? s.IndexOf(":** ", StringComparison.Ordinal) : -1;
        return end < 0 ? s : s[(end + 4)..];
    }

    private static string UpperFirst(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static string LowerFirst(string s) => s.Length > 1 && char.IsUpper(s[0]) && !char.IsUpper(s[1]) ? char.ToLowerInvariant(s[0]) + s[1..] : s;
}
