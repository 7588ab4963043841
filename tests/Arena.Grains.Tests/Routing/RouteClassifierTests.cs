using Arena.Routing;

namespace Arena.Grains.Tests.Routing;

public sealed class RouteClassifierTests
{
    private static RouteClassifier Classifier => RouterTestData.Classifier;

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Classify_SessionContext_WinsOverTheMessage(bool dataLoaded, bool workflowActive)
    {
        var decision = Classifier.Classify("write me a poem about the sea", new RouteContext(dataLoaded, workflowActive));

        Assert.Equal(Routes.Assistant, decision.Route);
        Assert.Equal(RouteClassifier.CreativeWriting, decision.Category); // the message's own category
        Assert.Equal(1.0, decision.Confidence);
        Assert.Contains("session context", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("why does this fail?\n```python\nprint(x)\n```")]
    [InlineData("Traceback (most recent call last):\n  File \"a.py\", line 1\nNameError: name 'x' is not defined")]
    [InlineData("Unhandled exception. System.NullReferenceException: Object reference not set\n   at Program.Main(String[] args)")]
    public void Classify_CodeOrStackTrace_IsCodingByRule(string message)
    {
        var decision = Classifier.Classify(message, RouteContext.None);

        Assert.Equal(Routes.Arena, decision.Route);
        Assert.Equal(RouteClassifier.Coding, decision.Category);
        Assert.StartsWith("rule:", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12 * 7 + 3")]
    [InlineData("what is 1234 / 56?")]
    [InlineData("(3+4)^2")]
    public void Classify_Arithmetic_IsMathByRule(string message)
    {
        var decision = Classifier.Classify(message, RouteContext.None);

        Assert.Equal(Routes.Arena, decision.Route);
        Assert.Equal(RouteClassifier.Math, decision.Category);
        Assert.StartsWith("rule:", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what's in the uploaded file?")]
    [InlineData("sum the amount column")]
    [InlineData("open sales.csv and show the first rows")]
    public void Classify_MentionsOfTheUsersData_AreDataAnalysisByRule(string message)
    {
        var decision = Classifier.Classify(message, RouteContext.None);

        Assert.Equal(Routes.Assistant, decision.Route);
        Assert.Equal(RouteClassifier.DataAnalysis, decision.Category);
        Assert.StartsWith("rule:", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("which model has the most wins so far", Routes.Assistant, RouteClassifier.ArenaInfo)]
    [InlineData("how many people voted today", Routes.Assistant, RouteClassifier.ArenaInfo)]
    [InlineData("write a story about a knight and a frog", Routes.Arena, RouteClassifier.CreativeWriting)]
    [InlineData("how do I declare an array in javascript", Routes.Arena, RouteClassifier.Coding)]
    [InlineData("who built the pyramids of giza", Routes.Arena, RouteClassifier.Knowledge)]
    [InlineData("how do I become a morning person", Routes.Arena, RouteClassifier.Advice)]
    [InlineData("hello friend", Routes.Arena, RouteClassifier.ChitChat)]
    public void Classify_ClearMessages_GoWhereExpected(string message, string route, string category)
    {
        var decision = Classifier.Classify(message, RouteContext.None);

        Assert.Equal(route, decision.Route);
        Assert.Equal(category, decision.Category);
        Assert.InRange(decision.Confidence, 0.0, 1.0);
        Assert.Contains("nearest examples", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_BelowTheThreshold_GoesToTheArenaForLowConfidence()
    {
        var strict = new RouteClassifier(RouterTestData.Embedder, RouteExamples.LoadBuiltIn(), new RouterOptions { MinConfidence = 1.0 });

        var decision = strict.Classify("which model has the most wins so far", RouteContext.None);

        Assert.Equal(Routes.Arena, decision.Route);
        Assert.Contains("low confidence", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void BuiltInExamples_CoverEveryCategory()
    {
        var examples = RouteExamples.LoadBuiltIn();

        foreach (var category in new[]
        {
            RouteClassifier.DataAnalysis, RouteClassifier.ArenaInfo, RouteClassifier.Coding, RouteClassifier.Math,
            RouteClassifier.CreativeWriting, RouteClassifier.Knowledge, RouteClassifier.Advice, RouteClassifier.ChitChat,
        })
        {
            Assert.InRange(examples.Count(e => e.Category == category), 15, 40);
        }
    }

    [Fact]
    public void HeldOut_HasNoCopiesOfTheExamples()
    {
        var examples = RouteExamples.LoadBuiltIn().Select(e => e.Text.ToLowerInvariant()).ToHashSet();
        var heldOut = RouterTestData.HeldOut();

        Assert.True(heldOut.Count >= 200, $"only {heldOut.Count} held-out messages");
        Assert.DoesNotContain(heldOut, h => examples.Contains(h.Text.ToLowerInvariant()));
    }

    [Fact]
    public void Embedder_ReturnsUnitVectorsOf384Dimensions()
    {
        var vectors = RouterTestData.Embedder.Embed(["hello", "a longer sentence about data"]);

        Assert.All(vectors, v =>
        {
            Assert.Equal(384, v.Length);
            Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 3);
        });
    }
}
