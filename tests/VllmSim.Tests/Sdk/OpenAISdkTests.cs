using System.ClientModel;
using System.Text;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;
using VllmSim.Tests.Infrastructure;

namespace VllmSim.Tests.Sdk;

[Collection(SimulatorCollection.Name)]
public sealed class OpenAISdkTests(SimulatorFixture fixture)
{
    private ChatClient Client(string model) =>
        new(model, new ApiKeyCredential("x"), new OpenAIClientOptions { Endpoint = new Uri(fixture.Server.BaseAddress, "/v1") });

    [Fact]
    public async Task CompleteChatStreaming_ThroughSdk_ReassemblesTextAndUsage()
    {
        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        ChatTokenUsage? usage = null;
        var updates = 0;

        await foreach (var update in Client("sim-gpt-4o").CompleteChatStreamingAsync(
            [new UserChatMessage("Compare Python vs Rust for web services")],
            new ChatCompletionOptions { Temperature = 0.7f }))
        {
            updates++;
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }

        Assert.True(updates > 10);
        Assert.Contains("Python", text.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Rust", text.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.NotNull(usage); // the SDK asks for stream_options.include_usage
        Assert.True(usage.OutputTokenCount > 0);
    }

    [Fact]
    public async Task CompleteChat_ThroughSdk_ReturnsContentAndUsage()
    {
        ChatCompletion completion = await Client("sim-qwen-2.5-7b").CompleteChatAsync([new UserChatMessage("How do I start running?")]);

        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Contains("running", completion.Content[0].Text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(completion.Usage.InputTokenCount + completion.Usage.OutputTokenCount, completion.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task CompleteChat_MaxOutputTokens_FinishesWithLength()
    {
        ChatCompletion completion = await Client("sim-llama-3.1-8b").CompleteChatAsync(
            [new UserChatMessage("Explain black holes in detail")],
            new ChatCompletionOptions { MaxOutputTokenCount = 7 });

        Assert.Equal(ChatFinishReason.Length, completion.FinishReason);
        Assert.Equal(7, completion.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task CompleteChatStreaming_WithTools_StreamsToolCallTheSdkReassembles()
    {
        var options = WeatherTools();
        var name = (string?)null;
        var id = (string?)null;
        var arguments = new StringBuilder();
        ChatFinishReason? finish = null;
        var argumentUpdates = 0;

        await foreach (var update in Client("sim-assistant").CompleteChatStreamingAsync(
            [new UserChatMessage("What's the weather like in Paris today?")], options))
        {
            foreach (var call in update.ToolCallUpdates)
            {
                Assert.Equal(0, call.Index);
                name ??= call.FunctionName;
                id ??= call.ToolCallId;
                if (call.FunctionArgumentsUpdate is { } piece && !piece.ToMemory().IsEmpty)
                {
                    argumentUpdates++;
                    arguments.Append(piece.ToString());
                }
            }

            finish ??= update.FinishReason;
        }

        Assert.Equal("get_weather", name);
        Assert.StartsWith("chatcmpl-tool-", id, StringComparison.Ordinal);
        Assert.True(argumentUpdates > 1, "arguments should arrive in several pieces");
        using var args = JsonDocument.Parse(arguments.ToString());
        Assert.Equal("Paris", args.RootElement.GetProperty("location").GetString());
        Assert.Equal(ChatFinishReason.ToolCalls, finish);
    }

    [Fact]
    public async Task CompleteChat_AfterToolResult_AnswersWithTheResult()
    {
        var client = Client("sim-assistant");
        ChatCompletion first = await client.CompleteChatAsync([new UserChatMessage("What's the weather in Oslo?")], WeatherTools());
        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        var call = Assert.Single(first.ToolCalls);

        ChatCompletion second = await client.CompleteChatAsync(
            [
                new UserChatMessage("What's the weather in Oslo?"),
                new AssistantChatMessage(first.ToolCalls),
                new ToolChatMessage(call.Id, "{\"temperature\": -3, \"sky\": \"snow\"}"),
            ],
            WeatherTools());

        Assert.Equal(ChatFinishReason.Stop, second.FinishReason);
        Assert.Contains("snow", second.Content[0].Text, StringComparison.Ordinal);
        Assert.Contains("get_weather", second.Content[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteChat_ToolChoiceNone_AnswersInText()
    {
        var options = WeatherTools();
        options.ToolChoice = ChatToolChoice.CreateNoneChoice();

        ChatCompletion completion = await Client("sim-assistant").CompleteChatAsync([new UserChatMessage("What's the weather in Paris?")], options);

        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Empty(completion.ToolCalls);
    }

    [Fact]
    public async Task CompleteChat_NamedToolChoice_CallsThatTool()
    {
        var options = WeatherTools();
        options.ToolChoice = ChatToolChoice.CreateFunctionChoice("search_web");

        ChatCompletion completion = await Client("sim-assistant").CompleteChatAsync([new UserChatMessage("What's the weather in Paris?")], options);

        Assert.Equal("search_web", Assert.Single(completion.ToolCalls).FunctionName);
    }

    [Fact]
    public async Task CompleteChat_SameSeed_SameText_DifferentModels_DifferentText()
    {
#pragma warning disable OPENAI001 // Seed is marked experimental in the SDK.
        var options = new ChatCompletionOptions { Seed = 42, Temperature = 0.8f };
#pragma warning restore OPENAI001
        string Ask(ChatCompletion c) => c.Content[0].Text;
        var prompt = new UserChatMessage("Why do cats purr?");

        var a = Ask(await Client("sim-gpt-4o").CompleteChatAsync([prompt], options));
        var b = Ask(await Client("sim-gpt-4o").CompleteChatAsync([prompt], options));
        var other = Ask(await Client("sim-llama-3.1-8b").CompleteChatAsync([prompt], options));

        Assert.Equal(a, b);
        Assert.NotEqual(a, other);
        Assert.Contains("cats", a, StringComparison.OrdinalIgnoreCase);
    }

    private static ChatCompletionOptions WeatherTools() => new()
    {
        Tools =
        {
            ChatTool.CreateFunctionTool("search_web", "Search the internet for pages", BinaryData.FromString(
                """{"type":"object","properties":{"query":{"type":"string"}},"required":["query"]}""")),
            ChatTool.CreateFunctionTool("get_weather", "Get the current weather forecast for a city", BinaryData.FromString(
                """{"type":"object","properties":{"location":{"type":"string"},"unit":{"type":"string","enum":["celsius","fahrenheit"]}},"required":["location"]}""")),
        },
    };
}
