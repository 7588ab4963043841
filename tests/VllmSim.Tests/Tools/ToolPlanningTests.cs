using System.Text.Json.Nodes;
using OpenAI.Chat;
using VllmSim.Tests.Infrastructure;

namespace VllmSim.Tests.Tools;

/// <summary>Which tool, with which arguments, the simulated assistant calls for a phrasing, over real HTTP through the OpenAI SDK.</summary>
[Collection(SimulatorCollection.Name)]
public sealed class ToolPlanningTests(SimulatorFixture fixture)
{
    public static TheoryData<string, string, string> Phrasings => new()
    {
        { "What is the average price by region?", "group_by", """{"dataset":"sales","by":"region","column":"price","agg":"mean"}""" },
        { "Total quantity per product", "group_by", """{"dataset":"sales","by":"product","column":"quantity","agg":"sum"}""" },
        { "median unit price for each region", "group_by", """{"dataset":"sales","by":"region","column":"unit_price","agg":"median"}""" },
        { "max price by product", "group_by", """{"dataset":"sales","by":"product","column":"price","agg":"max"}""" },
        { "Count of orders per region", "group_by", """{"dataset":"sales","by":"region","column":"region","agg":"count"}""" },
        { "How many rows have quantity > 5?", "filter_count", """{"dataset":"sales","column":"quantity","op":">","value":5}""" },
        { "How many records where price is at least 10.5", "filter_count", """{"dataset":"sales","column":"price","op":">=","value":10.5}""" },
        { "How many orders with region equals North?", "filter_count", """{"dataset":"sales","column":"region","op":"=","value":"North"}""" },
        { "How many rows where region is South", "filter_count", """{"dataset":"sales","column":"region","op":"=","value":"South"}""" },
        { "How many rows where quantity is more than 3", "filter_count", """{"dataset":"sales","column":"quantity","op":">","value":3}""" },
        { "how many records with price less than 2", "filter_count", """{"dataset":"sales","column":"price","op":"<","value":2}""" },
        { "How many rows where product contains 'Pro'?", "filter_count", """{"dataset":"sales","column":"product","op":"contains","value":"Pro"}""" },
        { "Show the top 3 products by quantity", "top_rows", """{"dataset":"sales","column":"quantity","n":3,"order":"desc"}""" },
        { "What are the 10 lowest prices?", "top_rows", """{"dataset":"sales","column":"price","n":10,"order":"asc"}""" },
        { "Which orders have the highest unit price?", "top_rows", """{"dataset":"sales","column":"unit_price","n":5,"order":"desc"}""" },
        { "Is there a correlation between price and quantity?", "correlation", """{"dataset":"sales","x":"price","y":"quantity"}""" },
        { "What's the relationship between unit prices and quantity?", "correlation", """{"dataset":"sales","x":"unit_price","y":"quantity"}""" },
        { "Which columns have missing values?", "missing_values", """{"dataset":"sales"}""" },
        { "Are there any blank or null cells?", "missing_values", """{"dataset":"sales"}""" },
        { "Describe the dataset", "describe_dataset", """{"dataset":"sales"}""" },
        { "What's in sales?", "describe_dataset", """{"dataset":"sales"}""" },
        { "Give me summary statistics for price", "column_stats", """{"dataset":"sales","column":"price"}""" },
        { "What does the distribution of quantity look like?", "column_stats", """{"dataset":"sales","column":"quantity"}""" },
        { "Show me the leaderboard for coding", "get_leaderboard", """{"category":"coding"}""" },
        { "Which are the best models?", "get_leaderboard", "{}" },
        { "sim-gpt-4o vs sim-mistral-7b head to head", "head_to_head", """{"model_a":"sim-gpt-4o","model_b":"sim-mistral-7b"}""" },
        { "compare llama and gpt-4o", "head_to_head", """{"model_a":"sim-llama-3.1-8b","model_b":"sim-gpt-4o"}""" },
        { "How many votes are there?", "vote_counts", "{}" },
        { "How many votes in math?", "vote_counts", """{"category":"math"}""" },
        { "What's the latency of sim-llama-3.1-8b?", "get_model_stats", """{"model":"sim-llama-3.1-8b"}""" },
        { "stats of mistral", "get_model_stats", """{"model":"sim-mistral-7b"}""" },
    };

    [Theory]
    [MemberData(nameof(Phrasings))]
    public async Task CompleteChat_Phrasing_CallsToolWithArguments(string question, string tool, string arguments)
    {
        var client = SdkClients.Chat(fixture.Server.BaseAddress, ArenaToolSet.Model);

        ChatCompletion completion = await client.CompleteChatAsync(ArenaToolSet.Conversation(question), ArenaToolSet.Options());

        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        var call = Assert.Single(completion.ToolCalls);
        Assert.Equal(tool, call.FunctionName);
        var expected = JsonNode.Parse(arguments);
        var actual = JsonNode.Parse(call.FunctionArguments.ToString());
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected!.ToJsonString()}, got {actual!.ToJsonString()}");
    }

    [Theory]
    [InlineData("Hi there, how are you?")]
    [InlineData("Write a haiku about autumn")]
    public async Task CompleteChat_UnrelatedMessage_AnswersInTextWithoutTools(string question)
    {
        var client = SdkClients.Chat(fixture.Server.BaseAddress, ArenaToolSet.Model);

        ChatCompletion completion = await client.CompleteChatAsync(ArenaToolSet.Conversation(question), ArenaToolSet.Options());

        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Empty(completion.ToolCalls);
        Assert.NotEmpty(completion.Content[0].Text);
    }
}
