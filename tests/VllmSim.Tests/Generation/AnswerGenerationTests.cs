using VllmSim.Generation;
using VllmSim.Protocol;

namespace VllmSim.Tests.Generation;

public sealed class AnswerGenerationTests
{
    private static readonly string[] VendorClaims = ["GPT-4", "OpenAI", "Meta", "Mistral AI", "Alibaba", "Anthropic", "Google"];

    [Theory]
    [InlineData("Hello, world! How are you?\n\n- item one\n```python\nx = 1\n```")]
    [InlineData("  leading spaces and trailing  ")]
    [InlineData("supercalifragilistic")]
    public void Tokenize_AnyText_JoinsBackExactlyInSmallPieces(string text)
    {
        var tokens = SimTokenizer.Tokenize(text);

        Assert.Equal(text, string.Concat(tokens));
        Assert.All(tokens, t => Assert.InRange(t.Length, 1, 4));
    }

    [Theory]
    [InlineData("Hi!", "Greeting")]
    [InlineData("Write a Python function to reverse a string", "Code")]
    [InlineData("What is the difference between TCP and UDP?", "Compare")]
    [InlineData("How do I grow tomatoes?", "HowTo")]
    [InlineData("Why is the ocean salty?", "Why")]
    [InlineData("Give me some tips for public speaking", "List")]
    [InlineData("What is quantum computing?", "What")]
    public void Analyze_Prompt_DetectsQuestionKind(string prompt, string expected)
    {
        Assert.Equal(expected, PromptAnalysis.Analyze(prompt).Kind.ToString());
    }

    [Fact]
    public void Analyze_Comparison_FindsBothSides()
    {
        var analysis = PromptAnalysis.Analyze("What is the difference between TCP and UDP?");

        Assert.Equal("tcp", analysis.CompareA, ignoreCase: true);
        Assert.Equal("udp", analysis.CompareB, ignoreCase: true);
    }

    [Theory]
    [InlineData("sim-gpt-4o")]
    [InlineData("sim-llama-3.1-8b")]
    [InlineData("sim-mistral-7b")]
    [InlineData("sim-qwen-2.5-7b")]
    [InlineData("sim-assistant")]
    public void Plan_CodeRequest_AnswersWithCodeBlockAndNoVendorClaims(string modelId)
    {
        var plan = PlanFor(modelId, "Write a python function that computes fibonacci numbers");

        Assert.Contains("```python", plan.Text, StringComparison.Ordinal);
        Assert.Contains("def fibonacci", plan.Text, StringComparison.Ordinal);
        Assert.All(VendorClaims, v => Assert.DoesNotContain(v, plan.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_Styles_DifferInShapeAndLength()
    {
        const string prompt = "How do I improve my sleep quality?";
        var structured = PlanFor("sim-gpt-4o", prompt).Text;
        var chatty = PlanFor("sim-llama-3.1-8b", prompt).Text;
        var terse = PlanFor("sim-mistral-7b", prompt).Text;
        var methodical = PlanFor("sim-qwen-2.5-7b", prompt).Text;

        Assert.Contains("### Conclusion", structured, StringComparison.Ordinal);
        Assert.Contains("\n- ", structured, StringComparison.Ordinal);
        Assert.Contains("!", chatty, StringComparison.Ordinal);
        Assert.Contains("1. ", methodical, StringComparison.Ordinal);
        Assert.Contains("**Summary:**", methodical, StringComparison.Ordinal);
        Assert.True(terse.Length < structured.Length / 2, terse);
        Assert.All(new[] { structured, chatty, terse, methodical }, t => Assert.Contains("sleep", t, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Plan_TemperatureZero_IgnoresSeed()
    {
        var model = SimModelCatalog.Defaults()[0];
        var a = Request("Tell me about rivers", seed: 1, temperature: 0);
        var b = Request("Tell me about rivers", seed: 99, temperature: 0);

        Assert.Equal(
            CompletionPlanner.Plan(model, a, 1000, CompletionPlanner.RandomFor(model, a)).Text,
            CompletionPlanner.Plan(model, b, 1000, CompletionPlanner.RandomFor(model, b)).Text);
    }

    private static CompletionPlan PlanFor(string modelId, string prompt)
    {
        var model = SimModelCatalog.Defaults().Single(m => m.Id == modelId);
        var request = Request(prompt, seed: 5, temperature: 0.7);
        return CompletionPlanner.Plan(model, request, 4000, CompletionPlanner.RandomFor(model, request));
    }

    private static ChatRequest Request(string prompt, long seed, double temperature) => new(
        "m", [new ChatMessage("user", prompt, null, null, [])], false, false, null, 1, temperature, seed, [], [], ToolChoice.Auto);
}
