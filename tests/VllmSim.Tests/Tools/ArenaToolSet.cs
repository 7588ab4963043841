using System.Text;
using System.Text.Json.Nodes;
using OpenAI.Chat;

namespace VllmSim.Tests.Tools;

/// <summary>Arena's assistant tools as its assistant offers them: per-conversation schemas with enums of datasets, columns, models and categories.</summary>
internal static class ArenaToolSet
{
    public const string Model = "sim-assistant";

    public static readonly string[] Columns = ["region", "product", "price", "quantity", "unit_price", "order_date"];

    public static readonly string[] Models = ["sim-gpt-4o", "sim-llama-3.1-8b", "sim-mistral-7b"];

    public static readonly string[] Categories = ["coding", "math", "creative", "general"];

    public const string SystemPrompt = """
        You are Arena's data assistant. Use the tools to answer questions about the session's datasets and the arena.
        Datasets in this session:
        - sales (120 rows): region (Text), product (Text), price (Number), quantity (Integer), unit_price (Number), order_date (Date)
        """;

    public static ChatCompletionOptions Options()
    {
        var options = new ChatCompletionOptions();
        foreach (var tool in Tools())
        {
            options.Tools.Add(tool);
        }

        return options;
    }

    public static List<ChatMessage> Conversation(string question) => [new SystemChatMessage(SystemPrompt), new UserChatMessage(question)];

    public static IEnumerable<ChatTool> Tools()
    {
        JsonArray Enum(IEnumerable<string> values) => [.. values.Select(v => (JsonNode)v)];
        JsonObject Column(string description) => new() { ["type"] = "string", ["enum"] = Enum(Columns), ["description"] = description };
        JsonObject Dataset() => new() { ["type"] = "string", ["enum"] = Enum(["sales"]), ["description"] = "Dataset name; optional when the session holds one." };
        ChatTool Tool(string name, string description, JsonObject properties, params string[] required) =>
            ChatTool.CreateFunctionTool(name, description, BinaryData.FromString(new JsonObject
            {
                ["type"] = "object",
                ["properties"] = properties,
                ["required"] = Enum(required),
            }.ToJsonString()));

        yield return Tool("describe_dataset", "Schema of a dataset: columns, types, row count and a few sample rows.", new() { ["dataset"] = Dataset() });
        yield return Tool("column_stats", "Summary statistics per column: count, missing, mean, std, min, quartiles, max; distinct and top values for text.",
            new() { ["dataset"] = Dataset(), ["column"] = Column("One column, or all when omitted.") });
        yield return Tool("missing_values", "Missing values per column: count and share.", new() { ["dataset"] = Dataset() });
        yield return Tool("filter_count", "Counts the rows matching a condition and returns a few of them.", new()
        {
            ["dataset"] = Dataset(),
            ["column"] = Column("Column to test."),
            ["op"] = new JsonObject { ["type"] = "string", ["enum"] = Enum(["=", "!=", ">", ">=", "<", "<=", "contains"]) },
            ["value"] = new JsonObject { ["type"] = new JsonArray("string", "number"), ["description"] = "Value to compare with." },
        }, "column", "op", "value");
        yield return Tool("group_by", "Aggregates a column per group of another column, sorted.", new()
        {
            ["dataset"] = Dataset(),
            ["by"] = Column("Column to group by."),
            ["column"] = Column("Column to aggregate."),
            ["agg"] = new JsonObject { ["type"] = "string", ["enum"] = Enum(["count", "sum", "mean", "median", "min", "max"]) },
        }, "by", "column", "agg");
        yield return Tool("top_rows", "The top N rows by a column.", new()
        {
            ["dataset"] = Dataset(),
            ["column"] = Column("Column to sort by."),
            ["n"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1 },
            ["order"] = new JsonObject { ["type"] = "string", ["enum"] = Enum(["desc", "asc"]) },
        }, "column");
        yield return Tool("correlation", "Pearson correlation between two numeric columns.", new()
        {
            ["dataset"] = Dataset(),
            ["x"] = Column("First numeric column."),
            ["y"] = Column("Second numeric column."),
        }, "x", "y");
        yield return Tool("get_leaderboard", "The arena leaderboard, optionally for one category.",
            new() { ["category"] = new JsonObject { ["type"] = "string", ["enum"] = Enum(Categories) } });
        yield return Tool("get_model_stats", "A model's arena stats: rating, votes, win rate, latency and speed.",
            new() { ["model"] = new JsonObject { ["type"] = "string", ["enum"] = Enum(Models) } }, "model");
        yield return Tool("head_to_head", "Results of battles between two models.", new()
        {
            ["model_a"] = new JsonObject { ["type"] = "string", ["enum"] = Enum(Models) },
            ["model_b"] = new JsonObject { ["type"] = "string", ["enum"] = Enum(Models) },
        }, "model_a", "model_b");
        yield return Tool("vote_counts", "How many votes the arena holds, optionally for one category.",
            new() { ["category"] = new JsonObject { ["type"] = "string", ["enum"] = Enum(Categories) } });
    }

    /// <summary>Streams a completion and reassembles its tool calls by index, as a client must.</summary>
    public static async Task<StreamedCompletion> StreamAsync(ChatClient client, IEnumerable<ChatMessage> messages, ChatCompletionOptions options)
    {
        var calls = new SortedDictionary<int, (string? Id, string? Name, StringBuilder Arguments, int Fragments)>();
        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        await foreach (var update in client.CompleteChatStreamingAsync(messages, options))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            foreach (var call in update.ToolCallUpdates)
            {
                var entry = calls.TryGetValue(call.Index, out var e) ? e : (null, null, new StringBuilder(), 0);
                entry.Id ??= call.ToolCallId;
                entry.Name ??= call.FunctionName;
                if (call.FunctionArgumentsUpdate is { } piece && !piece.ToMemory().IsEmpty)
                {
                    entry.Arguments.Append(piece.ToString());
                    entry.Fragments++;
                }

                calls[call.Index] = entry;
            }

            finish ??= update.FinishReason;
        }

        return new StreamedCompletion(text.ToString(), [.. calls.Values.Select(c => new StreamedCall(c.Id!, c.Name!, c.Arguments.ToString(), c.Fragments))], finish);
    }
}

internal sealed record StreamedCall(string Id, string Name, string Arguments, int Fragments);

internal sealed record StreamedCompletion(string Text, IReadOnlyList<StreamedCall> Calls, ChatFinishReason? Finish);
