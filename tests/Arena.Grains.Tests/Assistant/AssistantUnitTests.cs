using System.Text.Json;
using Arena.Assistant;
using Arena.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Arena.Grains.Tests.Assistant;

public sealed class ToolCallAssemblerTests
{
    [Fact]
    public void Build_InterleavedFragments_ReassemblesEachCallByIndex()
    {
        var assembler = new ToolCallAssembler();
        assembler.Add(new ToolCallDelta(1, "call_b", "vote_counts", ""));
        assembler.Add(new ToolCallDelta(0, "call_a", "get_model_stats", "{\"mo"));
        assembler.Add(new ToolCallDelta(1, null, null, "{}"));
        assembler.Add(new ToolCallDelta(0, null, null, "del\": \"x\"}"));

        var calls = assembler.Build();

        Assert.Equal(
            [new RequestedToolCall("call_a", "get_model_stats", "{\"model\": \"x\"}"), new RequestedToolCall("call_b", "vote_counts", "{}")],
            calls);
    }

    [Fact]
    public void Build_CallWithoutId_GetsOneOfOurs()
    {
        var assembler = new ToolCallAssembler();
        assembler.Add(new ToolCallDelta(0, null, "vote_counts", null));

        Assert.Equal("call_0", Assert.Single(assembler.Build()).Id);
    }
}

public sealed class ToolRunnerTests
{
    private static readonly ToolContext Context = new("s", []);

    [Fact]
    public async Task RunAsync_BadCalls_BecomeErrorResultsForTheModel()
    {
        var runner = new ToolRunner(TimeSpan.FromSeconds(5), TimeProvider.System, NullLogger.Instance);
        var tools = new Dictionary<string, IAssistantTool> { ["echo"] = new DelegateTool("echo", (args, _) => Task.FromResult(args.GetRawText())) };

        var unknown = await runner.RunAsync(tools, new RequestedToolCall("1", "nope", "{}"), Context, CancellationToken.None);
        var malformed = await runner.RunAsync(tools, new RequestedToolCall("2", "echo", "{\"a\":"), Context, CancellationToken.None);
        var notObject = await runner.RunAsync(tools, new RequestedToolCall("3", "echo", "[1]"), Context, CancellationToken.None);
        var ok = await runner.RunAsync(tools, new RequestedToolCall("4", "echo", """{"a": 1}"""), Context, CancellationToken.None);

        Assert.True(unknown.IsError);
        Assert.Contains("no tool 'nope'", ErrorOf(unknown));
        Assert.Contains("echo", ErrorOf(unknown));
        Assert.True(malformed.IsError);
        Assert.Contains("not valid JSON", ErrorOf(malformed));
        Assert.True(notObject.IsError);
        Assert.Contains("JSON object", ErrorOf(notObject));
        Assert.Equal(new ToolOutcome("""{"a": 1}""", false), ok);
    }

    [Fact]
    public async Task RunAsync_ToolRunsPastTheTimeout_ErrorSaysItTimedOut()
    {
        var time = new FakeTimeProvider();
        var runner = new ToolRunner(TimeSpan.FromSeconds(3), time, NullLogger.Instance);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tools = new Dictionary<string, IAssistantTool>
        {
            // Ignores its token: the runner must give up on it anyway.
            ["slow"] = new DelegateTool("slow", async (_, _) =>
            {
                started.SetResult();
                await Task.Delay(Timeout.Infinite, CancellationToken.None);
                return "{}";
            }),
        };

        var running = runner.RunAsync(tools, new RequestedToolCall("1", "slow", "{}"), Context, CancellationToken.None);
        await started.Task;
        time.Advance(TimeSpan.FromSeconds(3));
        var outcome = await running;

        Assert.True(outcome.IsError);
        Assert.Contains("did not finish within 3 s", ErrorOf(outcome));
    }

    [Fact]
    public async Task RunAsync_ToolCrashes_ErrorNamesTheToolWithoutInternals()
    {
        var runner = new ToolRunner(TimeSpan.FromSeconds(5), TimeProvider.System, NullLogger.Instance);
        var tools = new Dictionary<string, IAssistantTool> { ["crash"] = new DelegateTool("crash", (_, _) => throw new InvalidOperationException("secret path /etc/x")) };

        var outcome = await runner.RunAsync(tools, new RequestedToolCall("1", "crash", "{}"), Context, CancellationToken.None);

        Assert.True(outcome.IsError);
        Assert.Contains("crash failed unexpectedly", ErrorOf(outcome));
        Assert.DoesNotContain("/etc/x", outcome.Json);
    }

    private static string ErrorOf(ToolOutcome outcome)
    {
        using var json = JsonDocument.Parse(outcome.Json);
        return json.RootElement.GetProperty("error").GetString()!;
    }

    private sealed class DelegateTool(string name, Func<JsonElement, CancellationToken, Task<string>> run) : IAssistantTool
    {
        public string Name => name;

        public string Description => name;

        public bool IsAvailable(ToolContext context) => true;

        public BinaryData ParametersSchema(ToolContext context) => BinaryData.FromString("{}");

        public Task<string> InvokeAsync(ToolContext context, JsonElement arguments, CancellationToken cancellationToken) => run(arguments, cancellationToken);
    }
}

public sealed class AssistantModelsTests
{
    private static AssistantModels Models(AssistantOptions options, params ModelDefinition[] models) =>
        new(new ModelCatalog(Options.Create(new ModelCatalogOptions { Models = [.. models] })), Options.Create(options));

    private static ModelDefinition Sim(string id, bool tools = true) =>
        new() { Id = id, BaseUrl = "http://127.0.0.1:9/v1", SupportsTools = tools, Simulated = true };

    [Fact]
    public void Resolve_Unset_NoOpenAiKey_UsesSimAssistant()
    {
        var model = Models(new AssistantOptions { OpenAiApiKeyVariable = "ARENA_TEST_UNSET_" + Guid.NewGuid().ToString("N") }, Sim("sim-assistant")).Resolve();

        Assert.Equal("sim-assistant", model.Definition.Id);
        Assert.Equal(new Uri("http://127.0.0.1:9/v1"), model.Endpoint);
    }

    [Fact]
    public void Resolve_Unset_OpenAiKeyPresent_UsesOpenAiWithThatKey()
    {
        var variable = "ARENA_TEST_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "sk-test");
        try
        {
            var model = Models(new AssistantOptions { OpenAiApiKeyVariable = variable, OpenAiModel = "gpt-4o-mini" }, Sim("sim-assistant")).Resolve();

            Assert.Equal("gpt-4o-mini", model.Definition.ServedName);
            Assert.Equal(new Uri("https://api.openai.com/v1"), model.Endpoint);
            Assert.Equal("sk-test", model.ApiKey);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void Resolve_NoUsableModel_UnavailableSayingWhatToConfigure()
    {
        var options = new AssistantOptions { OpenAiApiKeyVariable = "ARENA_TEST_UNSET_" + Guid.NewGuid().ToString("N") };

        var none = Assert.Throws<ArenaException>(() => Models(options, Sim("sim-llama", tools: false)).Resolve());
        var unknown = Assert.Throws<ArenaException>(() => Models(new AssistantOptions { Model = "nope" }, Sim("sim-assistant")).Resolve());
        var toolless = Assert.Throws<ArenaException>(() => Models(new AssistantOptions { Model = "sim-llama" }, Sim("sim-llama", tools: false)).Resolve());

        Assert.All([none, unknown, toolless], e => Assert.Equal(ArenaErrorKind.Unavailable, e.Kind));
        Assert.Contains(options.OpenAiApiKeyVariable, none.Message);
        Assert.Contains("'nope'", unknown.Message);
        Assert.Contains("cannot call tools", toolless.Message);
    }

    [Fact]
    public void Redact_ServerMessage_HidesAddressAndKey()
    {
        var model = new AssistantModel(Sim("m"), new Uri("http://10.1.2.3:8000/v1"), "sk-secret");

        var redacted = AssistantLoop.Redact("Connection refused (10.1.2.3:8000) calling http://10.1.2.3:8000/v1/chat/completions with sk-secret", model);

        Assert.DoesNotContain("10.1.2.3", redacted);
        Assert.DoesNotContain("sk-secret", redacted);
        Assert.Contains("Connection refused", redacted);
    }
}
