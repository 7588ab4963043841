using VllmSim.Protocol;

namespace VllmSim.Generation.Tools;

/// <summary>
/// The tool calls of a conversation paired with their results: all of them, and those made since the last
/// user message (the current turn). Results are paired by <c>tool_call_id</c>, else by position, as vLLM
/// does not check the ids.
/// </summary>
internal sealed class ToolTurn
{
    private ToolTurn(string userMessage, IReadOnlyList<Step> history, IReadOnlyList<Step> current, int rounds)
    {
        UserMessage = userMessage;
        History = history;
        Current = current;
        Rounds = rounds;
    }

    /// <summary>The last user message: what the turn is about.</summary>
    public string UserMessage { get; }

    public IReadOnlyList<Step> History { get; }

    /// <summary>The calls made since the last user message, in order.</summary>
    public IReadOnlyList<Step> Current { get; }

    /// <summary>How many assistant messages with tool calls the current turn has.</summary>
    public int Rounds { get; }

    public static ToolTurn Read(IReadOnlyList<ChatMessage> messages)
    {
        var lastUser = -1;
        for (var i = messages.Count - 1; i >= 0 && lastUser < 0; i--)
        {
            lastUser = messages[i].Role == "user" ? i : -1;
        }

        var history = new List<Step>();
        var current = new List<Step>();
        var rounds = 0;
        var pending = new List<Step>();
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (message.Role == "assistant" && message.ToolCalls.Count > 0)
            {
                pending = [.. message.ToolCalls.Select(c => new Step(c, ParseArguments(c.Arguments), null))];
                history.AddRange(pending);
                if (i > lastUser)
                {
                    current.AddRange(pending);
                    rounds++;
                }
            }
            else if (message.Role == "tool")
            {
                var step = history.LastOrDefault(s => s.Result is null && s.Call.Id is not null && s.Call.Id == message.ToolCallId)
                    ?? pending.FirstOrDefault(s => s.Result is null);
                step?.Result = ToolResult.Parse(message.Content);
            }
        }

        var user = lastUser >= 0 ? messages[lastUser].Content : messages[^1].Content;
        return new ToolTurn(user, history, current, rounds);
    }

    private static JsonObject ParseArguments(string arguments)
    {
        try
        {
            return JsonNode.Parse(arguments) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>A call and, once the client sent it, its result.</summary>
    internal sealed class Step(ToolCallRecord call, JsonObject arguments, ToolResult? result)
    {
        public ToolCallRecord Call => call;

        public JsonObject Arguments => arguments;

        public ToolResult? Result { get; set; } = result;

        public bool Matches(string name, JsonObject args) => call.Name == name && JsonNode.DeepEquals(arguments, args);
    }
}

/// <summary>A tool result as the client sent it: its text, its JSON when it parses, and its error message if it reports one.</summary>
internal sealed record ToolResult(string Text, JsonNode? Json, string? Error)
{
    public bool IsError => Error is not null;

    public static ToolResult Parse(string text)
    {
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            json = null;
        }

        var error = json is JsonObject o && o["error"] is { } e
            ? e is JsonObject eo && eo["message"] is JsonValue m ? m.ToString() : e is JsonValue v ? v.ToString() : e.ToJsonString()
            : json is null && text.TrimStart().StartsWith("error", StringComparison.OrdinalIgnoreCase) ? text.Trim() : null;
        return new ToolResult(text, json, error);
    }
}
