using System.Text.RegularExpressions;
using VllmSim.Generation;
using VllmSim.Protocol;

namespace VllmSim.Tests.Generation;

public sealed partial class AnswerQualityTests
{
    private static readonly string[] ArenaModels = ["sim-gpt-4o", "sim-llama-3.1-8b", "sim-mistral-7b", "sim-qwen-2.5-7b"];

    private static readonly string[] AllModels = [.. ArenaModels, "sim-assistant"];

    private static readonly string[] BannedWords = ["GPT", "OpenAI", "Llama", "Meta", "Mistral", "Qwen", "Alibaba", "Claude", "Anthropic", "Gemini", "Google"];

    private static readonly string[] ManyPrompts =
    [
        "Hi!", "Hello, how are you?", "Who are you?", "Which model are you?", "Write a haiku about autumn", "Write a poem about the sea",
        "Write a short story about a dragon who is afraid of fire", "Tell me a joke about programmers", "Why is the sky blue?",
        "Can you please explain how photosynthesis works?", "What is the difference between TCP and UDP?", "Compare Python vs Rust for web services",
        "Give me 5 ideas for a birthday party", "Give me some tips for public speaking", "How do I improve my sleep quality?",
        "Write a python function to reverse a string", "Write a C# method that sorts a list", "Write a SQL query to join customers and orders",
        "What is 17 * 23?", "convert 10 km to miles", "What is 15% of 80?", "Translate hello to Spanish", "Is coffee bad for you?",
        "Should I learn Python or JavaScript first?", "What do you think about remote work?", "What does recursion mean?",
        "Summarize: The city council met on Tuesday to discuss the new bike lanes. Residents raised concerns about parking. The council voted to run a six-month trial.",
        "Tell me about rivers", "Why do cats purr?", "What is Kubernetes?", "How does gravity work?", "Tell me about the Roman empire",
    ];

    [Fact]
    public void Haiku_HasThreeLines_InEveryStyle()
    {
        var terse = Answer("sim-mistral-7b", "Write a haiku about autumn");
        Assert.Equal(3, Lines(terse).Count);

        foreach (var model in ArenaModels)
        {
            var text = Answer(model, "Write a haiku about autumn");
            var poem = text.Split("\n\n").Single(block => block.Contains("  \n", StringComparison.Ordinal) || block == terse);
            Assert.Equal(3, Lines(poem).Count);
        }
    }

    [Fact]
    public void ShortPoem_HasFourToEightLines()
    {
        var poem = Answer("sim-mistral-7b", "Write a poem about the sea");

        Assert.InRange(Lines(poem).Count, 4, 8);
        Assert.Contains("sea", poem, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Give me 5 ideas for a birthday party", 5)]
    [InlineData("List three tips for public speaking", 3)]
    [InlineData("Give me 7 ideas for a weekend", 7)]
    public void List_HasExactlyTheNumberAsked(string prompt, int count)
    {
        foreach (var model in AllModels)
        {
            var text = Answer(model, prompt);
            Assert.Equal(count, ListItems().Matches(text).Count);
        }
    }

    [Theory]
    [InlineData("What is 17 * 23?", "391")]
    [InlineData("calculate (2 + 3) * 4", "20")]
    [InlineData("What is 100 / 8?", "12.5")]
    [InlineData("What is 15% of 80?", "12")]
    [InlineData("convert 10 km to miles", "6.21")]
    [InlineData("convert 5 miles to km", "8.05")]
    [InlineData("convert 30 C to F", "86")]
    [InlineData("What is 212 °F in celsius?", "100")]
    public void Math_IsEvaluatedExactly(string prompt, string expected)
    {
        foreach (var model in AllModels)
        {
            Assert.Contains(expected, Answer(model, prompt), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Write a python function to reverse a string", "```python", "[::-1]")]
    [InlineData("Write a C# method that sorts a list", "```csharp", "Order")]
    [InlineData("Write a javascript function to fetch a url", "```javascript", "fetch(")]
    [InlineData("Write a SQL query to join customers and orders", "```sql", "JOIN")]
    [InlineData("Write a bash script to read a file", "```bash", "read -r")]
    [InlineData("Write a python function to check if a number is prime", "```python", "def is_prime")]
    public void Code_UsesTheLanguageAndMatchesTheRequest(string prompt, string fence, string snippet)
    {
        foreach (var model in AllModels)
        {
            var text = Answer(model, prompt);
            Assert.Contains(fence, text, StringComparison.Ordinal);
            Assert.Contains(snippet, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Comparison_NamesBothSides_AndStructuredHasAWellFormedTable()
    {
        foreach (var model in ArenaModels)
        {
            var text = Answer(model, "What is the difference between TCP and UDP?");
            Assert.Contains("TCP", text, StringComparison.Ordinal);
            Assert.Contains("UDP", text, StringComparison.Ordinal);
        }

        var table = Answer("sim-gpt-4o", "What is the difference between TCP and UDP?").Split('\n').Where(l => l.StartsWith('|')).ToList();
        Assert.True(table.Count >= 3);
        Assert.Matches(@"^\| ---( \| ---)+ \|$", table[1]);
        Assert.All(table, row => Assert.Equal(4, Regex.Matches(row, @"(?<!\\)\|").Count));
    }

    [Theory]
    [InlineData("Why is the sky blue?", "scatter")]
    [InlineData("Can you please explain how photosynthesis works?", "chlorophyll")]
    [InlineData("How does gravity work?", "mass")]
    [InlineData("What is DNA?", "double helix")]
    [InlineData("Tell me about the Roman empire", "Augustus")]
    public void KnownTopic_MentionsOneOfItsFacts(string prompt, string fact)
    {
        foreach (var model in ArenaModels)
        {
            Assert.Contains(fact, Answer(model, prompt), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData("Can you please explain how photosynthesis works?", "photosynthesis", "What")]
    [InlineData("Why is the sky blue?", "sky", "Why")]
    [InlineData("Write a haiku about autumn", "autumn", "Poem")]
    [InlineData("Give me 5 ideas for a birthday party", "birthday party", "List")]
    [InlineData("Tell me a joke about cats", "cats", "Joke")]
    [InlineData("What is 17 * 23?", null, "Math")]
    [InlineData("Translate thank you to French", null, "Translation")]
    [InlineData("What does recursion mean?", "recursion", "Definition")]
    [InlineData("Is coffee bad for you?", null, "YesNo")]
    [InlineData("What do you think about remote work?", "remote work", "Opinion")]
    [InlineData("Should I buy a house?", null, "Advice")]
    public void Analyze_FindsKindAndSubject(string prompt, string? subject, string kind)
    {
        var analysis = PromptAnalysis.Analyze(prompt);

        Assert.Equal(kind, analysis.Kind.ToString());
        if (subject is not null)
        {
            Assert.Equal(subject, analysis.Topic, ignoreCase: true);
        }
    }

    [Fact]
    public void UnknownSubject_IsMentionedNaturally()
    {
        foreach (var model in ArenaModels)
        {
            var text = Answer(model, "Tell me about rivers");
            Assert.Contains("rivers", text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Translation_GivesTheKnownWord()
    {
        Assert.Contains("merci", Answer("sim-mistral-7b", "Translate thank you to French"), StringComparison.Ordinal);
        Assert.Contains("hola", Answer("sim-gpt-4o", "How do you say hello in Spanish?"), StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_UsesTheGivenText()
    {
        var text = Answer("sim-gpt-4o", "Summarize: The city council met on Tuesday to discuss the new bike lanes. Residents raised concerns about parking.");

        Assert.Contains("bike lanes", text, StringComparison.Ordinal);
    }

    [Fact]
    public void FollowUp_RefersBackToTheEarlierTopic()
    {
        foreach (var model in ArenaModels)
        {
            var text = Answer(model, ["What is TCP?", "Tell me more"]);
            Assert.Contains("TCP", text, StringComparison.Ordinal);
        }

        Assert.Contains("TCP", Answer("sim-gpt-4o", ["What is TCP?", "What about UDP?"]), StringComparison.Ordinal);
        Assert.Contains("UDP", Answer("sim-gpt-4o", ["What is TCP?", "What about UDP?"]), StringComparison.Ordinal);
    }

    [Fact]
    public void NoAnswer_NamesAVendorOrModel()
    {
        foreach (var prompt in ManyPrompts)
        {
            foreach (var model in AllModels)
            {
                var text = Answer(model, prompt);
                Assert.All(BannedWords, w => Assert.DoesNotMatch($@"(?i)\b{w}", text));
            }
        }
    }

    [Fact]
    public void Markdown_FencesAreBalanced()
    {
        foreach (var prompt in ManyPrompts)
        {
            foreach (var model in AllModels)
            {
                var fences = Answer(model, prompt).Split('\n').Count(l => l.StartsWith("```", StringComparison.Ordinal));
                Assert.True(fences % 2 == 0, $"{model}: {prompt}");
            }
        }
    }

    [Fact]
    public void SameInputs_SameText_AndTheFourArenaModelsDiffer()
    {
        foreach (var prompt in ManyPrompts.Where(p => !p.StartsWith("Hi", StringComparison.Ordinal)))
        {
            var texts = ArenaModels.Select(m => Answer(m, prompt)).ToList();
            Assert.Equal(texts, ArenaModels.Select(m => Answer(m, prompt)));
            Assert.Equal(4, texts.Distinct().Count());
        }
    }

    [Fact]
    public void Styles_KeepTheirCharacter()
    {
        const string prompt = "Why is the sky blue?";
        var structured = Answer("sim-gpt-4o", prompt);
        var chatty = Answer("sim-llama-3.1-8b", prompt);
        var terse = Answer("sim-mistral-7b", prompt);
        var methodical = Answer("sim-qwen-2.5-7b", prompt);

        Assert.Contains("### ", structured, StringComparison.Ordinal);
        Assert.Contains("\n- ", structured, StringComparison.Ordinal);
        Assert.Contains("!", chatty, StringComparison.Ordinal);
        Assert.EndsWith("?", chatty, StringComparison.Ordinal);
        Assert.InRange(Regex.Matches(terse, @"[.!?](\s|$)").Count, 1, 4);
        Assert.Contains("\n1. ", methodical, StringComparison.Ordinal);
        Assert.Contains("**Summary:**", methodical, StringComparison.Ordinal);
    }

    [Fact]
    public void DifferentPrompts_DoNotAllOpenTheSameWay()
    {
        string[] prompts = ["What is DNA?", "What is inflation?", "What is git?", "What is Docker?", "What are black holes?", "What is machine learning?"];
        var openings = prompts.Select(p => Answer("sim-llama-3.1-8b", p).Split(' ')[0]).Distinct().Count();

        Assert.True(openings > 1);
    }

    private static string Answer(string modelId, string prompt) => Answer(modelId, [prompt]);

    private static string Answer(string modelId, string[] userTurns)
    {
        var model = SimModelCatalog.Defaults().Single(m => m.Id == modelId);
        var messages = new List<ChatMessage>();
        foreach (var turn in userTurns)
        {
            if (messages.Count > 0)
            {
                messages.Add(new ChatMessage("assistant", "Sure.", null, null, []));
            }

            messages.Add(new ChatMessage("user", turn, null, null, []));
        }

        var request = new ChatRequest("m", messages, false, false, null, 1, 0.7, 5, [], [], ToolChoice.Auto);
        return CompletionPlanner.Plan(model, request, 4000, CompletionPlanner.RandomFor(model, request)).Text;
    }

    private static List<string> Lines(string text) => [.. text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];

    [GeneratedRegex(@"^(?:- |\d+\. )", RegexOptions.Multiline)]
    private static partial Regex ListItems();
}
