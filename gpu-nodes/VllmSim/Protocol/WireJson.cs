using System.Text.Encodings.Web;

namespace VllmSim.Protocol;

/// <summary>Builds the JSON objects of vLLM's chat completion responses.</summary>
internal static class WireJson
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(JsonNode node) => node.ToJsonString(Options);

    public static JsonObject Usage(int promptTokens, int completionTokens) => new()
    {
        ["prompt_tokens"] = promptTokens,
        ["total_tokens"] = promptTokens + completionTokens,
        ["completion_tokens"] = completionTokens,
        ["prompt_tokens_details"] = null,
    };

    public static JsonObject Chunk(string id, long created, string model, JsonArray choices, bool includeUsage)
    {
        var chunk = new JsonObject
        {
            ["id"] = id,
            ["object"] = "chat.completion.chunk",
            ["created"] = created,
            ["model"] = model,
            ["choices"] = choices,
        };
        if (includeUsage)
        {
            chunk["usage"] = null;
        }

        return chunk;
    }

    public static JsonArray StreamChoice(JsonObject delta, string? finishReason = null, bool final = false, string? stopReason = null)
    {
        var choice = new JsonObject
        {
            ["index"] = 0,
            ["delta"] = delta,
            ["logprobs"] = null,
            ["finish_reason"] = finishReason,
        };
        if (final)
        {
            choice["stop_reason"] = stopReason;
        }

        return [choice];
    }

    /// <summary>The first delta of a streamed tool call; its arguments follow in later deltas.</summary>
    public static JsonObject ToolCallHeader(int index, string id, string name) => new()
    {
        ["id"] = id,
        ["type"] = "function",
        ["index"] = index,
        ["function"] = new JsonObject { ["name"] = name },
    };
}
