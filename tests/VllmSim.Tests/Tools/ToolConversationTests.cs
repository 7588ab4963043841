using System.Text.Json.Nodes;
using OpenAI.Chat;
using VllmSim.Tests.Infrastructure;

namespace VllmSim.Tests.Tools;

/// <summary>Multi-step tool conversations: the test plays Arena's side, running no tools but sending their results back.</summary>
[Collection(SimulatorCollection.Name)]
public sealed class ToolConversationTests(SimulatorFixture fixture)
{
    private const string SalesSchema = """
        {"name":"sales","rows":120,"columns":[{"name":"region","type":"Text","missing":0},{"name":"product","type":"Text","missing":2},
        {"name":"price","type":"Number","missing":0},{"name":"quantity","type":"Integer","missing":1},{"name":"unit_price","type":"Number","missing":0},
        {"name":"order_date","type":"Date","missing":0}],"sample":[{"region":"North","product":"Widget","price":12.5,"quantity":3}]}
        """;

    private ChatClient Client => SdkClients.Chat(fixture.Server.BaseAddress, ArenaToolSet.Model);

    [Fact]
    public async Task Conversation_ToolResult_StreamsAnswerWithTheResultsNumbers()
    {
        var messages = ArenaToolSet.Conversation("What is the correlation between price and quantity?");
        ChatCompletion first = await Client.CompleteChatAsync(messages, ArenaToolSet.Options());
        var call = Assert.Single(first.ToolCalls);
        Assert.Equal("correlation", call.FunctionName);

        messages.Add(new AssistantChatMessage(first.ToolCalls));
        messages.Add(new ToolChatMessage(call.Id, """{"x":"price","y":"quantity","r":-0.4213,"n":118}"""));
        var answer = await ArenaToolSet.StreamAsync(Client, messages, ArenaToolSet.Options());

        Assert.Equal(ChatFinishReason.Stop, answer.Finish);
        Assert.Empty(answer.Calls);
        Assert.Contains("The Pearson correlation between price and quantity is -0.4213 (n = 118).", answer.Text, StringComparison.Ordinal);
        Assert.Contains("moderate negative", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conversation_GroupResult_AnswersWithMarkdownTable()
    {
        var messages = ArenaToolSet.Conversation("What is the total quantity by region?");
        ChatCompletion first = await Client.CompleteChatAsync(messages, ArenaToolSet.Options());
        var call = Assert.Single(first.ToolCalls);

        messages.Add(new AssistantChatMessage(first.ToolCalls));
        messages.Add(new ToolChatMessage(call.Id, """{"by":"region","column":"quantity","agg":"sum","groups":[{"region":"North","sum":431},{"region":"South","sum":287},{"region":"East","sum":95}]}"""));
        ChatCompletion answer = await Client.CompleteChatAsync(messages, ArenaToolSet.Options());

        var text = answer.Content[0].Text;
        Assert.Equal(ChatFinishReason.Stop, answer.FinishReason);
        Assert.StartsWith("Total of quantity by region in `sales`:", text, StringComparison.Ordinal);
        Assert.Contains("| region | sum |", text, StringComparison.Ordinal);
        Assert.Contains("| North | 431 |", text, StringComparison.Ordinal);
        Assert.Contains("| East | 95 |", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conversation_UnclearColumn_DescribesFirstThenCallsTheSpecificTool()
    {
        var messages = ArenaToolSet.Conversation("What's the average by region?");
        ChatCompletion first = await Client.CompleteChatAsync(messages, ArenaToolSet.Options());
        var describe = Assert.Single(first.ToolCalls);
        Assert.Equal("describe_dataset", describe.FunctionName);
        Assert.Equal("""{"dataset": "sales"}""", describe.FunctionArguments.ToString());

        messages.Add(new AssistantChatMessage(first.ToolCalls));
        messages.Add(new ToolChatMessage(describe.Id, SalesSchema));
        ChatCompletion second = await Client.CompleteChatAsync(messages, ArenaToolSet.Options());
        var groupBy = Assert.Single(second.ToolCalls);
        Assert.Equal("group_by", groupBy.FunctionName);
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"dataset":"sales","by":"region","column":"price","agg":"mean"}"""),
            JsonNode.Parse(groupBy.FunctionArguments.ToString())));

        messages.Add(new AssistantChatMessage(second.ToolCalls));
        messages.Add(new ToolChatMessage(groupBy.Id, """[{"region":"North","mean":12.75},{"region":"South","mean":9.5}]"""));
        ChatCompletion third = await Client.CompleteChatAsync(messages, ArenaToolSet.Options());

        Assert.Equal(ChatFinishReason.Stop, third.FinishReason);
        var text = third.Content[0].Text;
        Assert.Contains("Average of price by region", text, StringComparison.Ordinal);
        Assert.Contains("| North | 12.75 |", text, StringComparison.Ordinal);
        Assert.DoesNotContain("order_date", text, StringComparison.Ordinal); // the schema was a means, not the answer
    }

    [Fact]
    public async Task Conversation_ErrorResult_AnswerExplainsTheError()
    {
        var messages = ArenaToolSet.Conversation("Show the top 5 rows by price");
        ChatCompletion first = await Client.CompleteChatAsync(messages, ArenaToolSet.Options());
        var call = Assert.Single(first.ToolCalls);
        Assert.Equal("top_rows", call.FunctionName);

        messages.Add(new AssistantChatMessage(first.ToolCalls));
        messages.Add(new ToolChatMessage(call.Id, """{"error":"Column 'price' has no numeric values to sort by"}"""));
        ChatCompletion answer = await Client.CompleteChatAsync(messages, ArenaToolSet.Options());

        Assert.Equal(ChatFinishReason.Stop, answer.FinishReason);
        Assert.Empty(answer.ToolCalls);
        Assert.Contains("The `top_rows` tool returned an error: Column 'price' has no numeric values to sort by.", answer.Content[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conversation_ErrorListingValidColumns_RetriesOnceWithTheCloseOne()
    {
        var messages = ArenaToolSet.Conversation("What is the average price by region?");
        ChatCompletion first = await Client.CompleteChatAsync(messages, ArenaToolSet.Options());
        var call = Assert.Single(first.ToolCalls);

        messages.Add(new AssistantChatMessage(first.ToolCalls));
        messages.Add(new ToolChatMessage(call.Id, """{"error":"Unknown column 'price'. Valid columns: region, product, unit_price, quantity"}"""));
        ChatCompletion retry = await Client.CompleteChatAsync(messages, ArenaToolSet.Options());
        var second = Assert.Single(retry.ToolCalls);
        Assert.Equal("group_by", second.FunctionName);
        Assert.Equal("unit_price", JsonNode.Parse(second.FunctionArguments.ToString())!["column"]!.GetValue<string>());

        messages.Add(new AssistantChatMessage(retry.ToolCalls));
        messages.Add(new ToolChatMessage(second.Id, """{"error":"Unknown column 'unit_price'. Valid columns: region, product, price, quantity"}"""));
        ChatCompletion answer = await Client.CompleteChatAsync(messages, ArenaToolSet.Options());

        // A second failure is reported, not retried again.
        Assert.Equal(ChatFinishReason.Stop, answer.FinishReason);
        Assert.Contains("Unknown column 'unit_price'", answer.Content[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conversation_CorrectedRetrySucceeds_AnswerSaysWhatWasUsed()
    {
        var messages = ArenaToolSet.Conversation("What is the average price by region?");
        ChatCompletion first = await Client.CompleteChatAsync(messages, ArenaToolSet.Options());
        messages.Add(new AssistantChatMessage(first.ToolCalls));
        messages.Add(new ToolChatMessage(first.ToolCalls[0].Id, """{"error":"Unknown column 'price'. Valid columns: region, product, unit_price"}"""));
        ChatCompletion retry = await Client.CompleteChatAsync(messages, ArenaToolSet.Options());
        messages.Add(new AssistantChatMessage(retry.ToolCalls));
        messages.Add(new ToolChatMessage(retry.ToolCalls[0].Id, """[{"region":"West","mean":3.25}]"""));

        ChatCompletion answer = await Client.CompleteChatAsync(messages, ArenaToolSet.Options());

        var text = answer.Content[0].Text;
        Assert.Contains("I used `unit_price` instead", text, StringComparison.Ordinal);
        Assert.Contains("| West | 3.25 |", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conversation_TwoQuestions_ParallelCallsThenOneAnswerWithBoth()
    {
        var messages = ArenaToolSet.Conversation("Show the missing values and the correlation between price and quantity");
        ChatCompletion first = await Client.CompleteChatAsync(messages, ArenaToolSet.Options());

        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        Assert.Equal(["missing_values", "correlation"], first.ToolCalls.Select(c => c.FunctionName));
        Assert.NotEqual(first.ToolCalls[0].Id, first.ToolCalls[1].Id);

        messages.Add(new AssistantChatMessage(first.ToolCalls));
        messages.Add(new ToolChatMessage(first.ToolCalls[0].Id, """{"columns":[{"column":"product","missing":2,"share":0.0167},{"column":"quantity","missing":1,"share":0.0083}]}"""));
        messages.Add(new ToolChatMessage(first.ToolCalls[1].Id, """{"r":0.81,"n":117}"""));
        ChatCompletion answer = await Client.CompleteChatAsync(messages, ArenaToolSet.Options());

        var text = answer.Content[0].Text;
        Assert.Contains("| product | 2 | 0.0167 |", text, StringComparison.Ordinal);
        Assert.Contains("is 0.81 (n = 117)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conversation_ParallelCallsDisabled_OneCallPerResponse()
    {
        var options = ArenaToolSet.Options();
        options.AllowParallelToolCalls = false;
        var messages = ArenaToolSet.Conversation("Show the missing values and the correlation between price and quantity");

        ChatCompletion first = await Client.CompleteChatAsync(messages, options);
        Assert.Equal("missing_values", Assert.Single(first.ToolCalls).FunctionName);

        messages.Add(new AssistantChatMessage(first.ToolCalls));
        messages.Add(new ToolChatMessage(first.ToolCalls[0].Id, """{"columns":[]}"""));
        ChatCompletion second = await Client.CompleteChatAsync(messages, options);
        Assert.Equal("correlation", Assert.Single(second.ToolCalls).FunctionName);
    }

    [Fact]
    public async Task Conversation_ManyRounds_AnswersInsteadOfCallingForever()
    {
        var messages = ArenaToolSet.Conversation("What's the average by region?");
        for (var round = 0; round < 6; round++)
        {
            ChatCompletion step = await Client.CompleteChatAsync(messages, ArenaToolSet.Options());
            if (step.FinishReason == ChatFinishReason.Stop)
            {
                Assert.InRange(round, 1, 4);
                return;
            }

            messages.Add(new AssistantChatMessage(step.ToolCalls));
            foreach (var call in step.ToolCalls)
            {
                messages.Add(new ToolChatMessage(call.Id, """{"error":"The dataset store is unavailable"}"""));
            }
        }

        Assert.Fail("the model kept calling tools");
    }
}
