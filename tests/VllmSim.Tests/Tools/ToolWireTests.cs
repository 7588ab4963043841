using System.ClientModel;
using System.Net;
using System.Text.Json.Nodes;
using OpenAI.Chat;
using VllmSim.Tests.Infrastructure;

namespace VllmSim.Tests.Tools;

/// <summary>The tool-calling wire format and tool_choice semantics, as vLLM's OpenAI server has them.</summary>
[Collection(SimulatorCollection.Name)]
public sealed class ToolWireTests(SimulatorFixture fixture)
{
    private ChatClient Client => SdkClients.Chat(fixture.Server.BaseAddress, ArenaToolSet.Model);

    [Theory]
    [InlineData("What is the average price by region?")]
    [InlineData("Show the missing values and the correlation between price and quantity")]
    public async Task Stream_ArgumentFragments_ReassembleToTheNonStreamedArguments(string question)
    {
        ChatCompletion whole = await Client.CompleteChatAsync(ArenaToolSet.Conversation(question), ArenaToolSet.Options());
        var streamed = await ArenaToolSet.StreamAsync(Client, ArenaToolSet.Conversation(question), ArenaToolSet.Options());

        Assert.Equal(ChatFinishReason.ToolCalls, streamed.Finish);
        Assert.Equal(whole.ToolCalls.Count, streamed.Calls.Count);
        for (var i = 0; i < whole.ToolCalls.Count; i++)
        {
            Assert.Equal(whole.ToolCalls[i].FunctionName, streamed.Calls[i].Name);
            Assert.Equal(whole.ToolCalls[i].FunctionArguments.ToString(), streamed.Calls[i].Arguments);
            Assert.True(streamed.Calls[i].Fragments > 3, "arguments should stream in several fragments");
            Assert.Matches("^chatcmpl-tool-[0-9a-f]{32}$", streamed.Calls[i].Id);
            Assert.NotNull(JsonNode.Parse(streamed.Calls[i].Arguments));
        }
    }

    [Fact]
    public async Task Stream_RawDeltas_NameFirstThenArgumentsByIndex()
    {
        var body = Body("Show the missing values and the correlation between price and quantity", stream: true);
        var events = await Sse.StreamAsync(fixture.Http, body);

        var deltas = events[..^1].Select(e => JsonNode.Parse(e)!["choices"]!.AsArray()).Where(c => c.Count > 0).Select(c => c[0]!).ToList();
        var toolDeltas = deltas.Where(d => d["delta"]!["tool_calls"] is not null).Select(d => d["delta"]!["tool_calls"]![0]!.AsObject()).ToList();
        var headers = toolDeltas.Where(t => t.ContainsKey("id")).ToList();
        Assert.Equal(2, headers.Count);
        Assert.All(headers, h =>
        {
            Assert.Equal("function", (string?)h["type"]);
            Assert.NotNull(h["function"]!["name"]);
            Assert.False(h["function"]!.AsObject().ContainsKey("arguments"));
        });
        Assert.Equal([0, 1], headers.Select(h => (int)h["index"]!));
        Assert.All(toolDeltas.Where(t => !t.ContainsKey("id")), t =>
        {
            Assert.Equal(["index", "function"], t.Select(p => p.Key));
            Assert.Equal(["arguments"], t["function"]!.AsObject().Select(p => p.Key));
        });
        Assert.Equal("tool_calls", (string?)deltas[^1]["finish_reason"]);
    }

    [Fact]
    public async Task NonStreaming_AutoToolCall_ContentIsNullAndArgumentsUsePythonSeparators()
    {
        using var response = await fixture.Http.SendAsync(Sse.ChatRequest(Body("What is the average price by region?", stream: false)));
        var message = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["choices"]![0]!["message"]!;

        Assert.True(message.AsObject().ContainsKey("content"));
        Assert.Null(message["content"]);
        var call = message["tool_calls"]![0]!;
        Assert.Equal("function", (string?)call["type"]);
        Assert.Equal("""{"dataset": "sales", "by": "region", "column": "price", "agg": "mean"}""", (string?)call["function"]!["arguments"]);
    }

    [Fact]
    public async Task ToolChoiceNone_AnswersInText()
    {
        var options = ArenaToolSet.Options();
        options.ToolChoice = ChatToolChoice.CreateNoneChoice();

        ChatCompletion completion = await Client.CompleteChatAsync(ArenaToolSet.Conversation("What is the average price by region?"), options);

        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Empty(completion.ToolCalls);
        Assert.NotEmpty(completion.Content[0].Text);
    }

    [Fact]
    public async Task ToolChoiceRequired_CallsAToolEvenForSmallTalk()
    {
        var options = ArenaToolSet.Options();
        options.ToolChoice = ChatToolChoice.CreateRequiredChoice();

        ChatCompletion completion = await Client.CompleteChatAsync(ArenaToolSet.Conversation("Hello there!"), options);

        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        Assert.Equal("describe_dataset", Assert.Single(completion.ToolCalls).FunctionName);
    }

    [Fact]
    public async Task ToolChoiceNamed_CallsThatToolWithArgumentsFromTheMessage_FinishesWithStop()
    {
        var options = ArenaToolSet.Options();
        options.ToolChoice = ChatToolChoice.CreateFunctionChoice("column_stats");

        ChatCompletion completion = await Client.CompleteChatAsync(ArenaToolSet.Conversation("What is the average price by region?"), options);

        // vLLM: "stop" for named tool calls, "tool_calls" for auto and required.
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        var call = Assert.Single(completion.ToolCalls);
        Assert.Equal("column_stats", call.FunctionName);
        Assert.Equal("price", JsonNode.Parse(call.FunctionArguments.ToString())!["column"]!.GetValue<string>());
    }

    [Fact]
    public async Task ToolChoiceNamed_UnknownTool_IsRejectedAsVllmDoes()
    {
        var options = ArenaToolSet.Options();
        options.ToolChoice = ChatToolChoice.CreateFunctionChoice("drop_table");

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Client.CompleteChatAsync(ArenaToolSet.Conversation("hi"), options));

        Assert.Equal(400, error.Status);
        Assert.Contains("The tool specified in `tool_choice` does not match any of the specified `tools`", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyToolsArray_IsRejected()
    {
        using var response = await fixture.Http.SendAsync(Sse.ChatRequest(new JsonObject
        {
            ["model"] = ArenaToolSet.Model,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "hi" }),
            ["tools"] = new JsonArray(),
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal("tools", (string?)error["param"]);
    }

    [Fact]
    public async Task ToolChoiceWithoutTools_IsRejected()
    {
        using var response = await fixture.Http.SendAsync(Sse.ChatRequest(new JsonObject
        {
            ["model"] = ArenaToolSet.Model,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "hi" }),
            ["tool_choice"] = "required",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("When using `tool_choice`, `tools` must be set.", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["message"]);
    }

    [Fact]
    public async Task ToolMessage_WithUnknownToolCallId_IsAcceptedAsVllmDoes()
    {
        List<ChatMessage> messages = ArenaToolSet.Conversation("Is there a correlation between price and quantity?");
        ChatCompletion first = await Client.CompleteChatAsync(messages, ArenaToolSet.Options());
        messages.Add(new AssistantChatMessage(first.ToolCalls));
        messages.Add(new ToolChatMessage("not-an-id-the-model-made", """{"r":0.12,"n":40}"""));

        ChatCompletion answer = await Client.CompleteChatAsync(messages, ArenaToolSet.Options());

        Assert.Contains("is 0.12 (n = 40)", answer.Content[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameRequestTwice_SameCalls()
    {
        const string question = "Show the missing values and the correlation between price and quantity";
        ChatCompletion a = await Client.CompleteChatAsync(ArenaToolSet.Conversation(question), ArenaToolSet.Options());
        ChatCompletion b = await Client.CompleteChatAsync(ArenaToolSet.Conversation(question), ArenaToolSet.Options());

        Assert.Equal(
            a.ToolCalls.Select(c => (c.FunctionName, c.FunctionArguments.ToString())),
            b.ToolCalls.Select(c => (c.FunctionName, c.FunctionArguments.ToString())));
        Assert.Equal(a.Usage.OutputTokenCount, b.Usage.OutputTokenCount);
        Assert.True(a.Usage.OutputTokenCount > 0);
    }

    private static JsonObject Body(string question, bool stream)
    {
        var tools = new JsonArray();
        foreach (var tool in ArenaToolSet.Tools())
        {
            tools.Add(new JsonObject
            {
                ["type"] = "function",
                ["function"] = new JsonObject
                {
                    ["name"] = tool.FunctionName,
                    ["description"] = tool.FunctionDescription,
                    ["parameters"] = JsonNode.Parse(tool.FunctionParameters.ToString()),
                },
            });
        }

        return new JsonObject
        {
            ["model"] = ArenaToolSet.Model,
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "system", ["content"] = ArenaToolSet.SystemPrompt },
                new JsonObject { ["role"] = "user", ["content"] = question }),
            ["tools"] = tools,
            ["stream"] = stream,
        };
    }
}
