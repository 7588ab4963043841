namespace VllmSim.Protocol;

/// <summary>Reads a chat completion request body, reporting problems as vLLM does (400 BadRequestError).</summary>
internal static class ChatRequestParser
{
    public static ChatRequest Parse(ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            throw SimException.BadRequest($"Invalid JSON in request body: {ex.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw SimException.BadRequest("The request body must be a JSON object.");
            }

            var model = root.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() ?? "" : "";
            if (model.Length == 0)
            {
                throw SimException.BadRequest("Field required: 'model'.", "model");
            }

            var messages = ParseMessages(root);
            var stream = GetBool(root, "stream") ?? false;
            var includeUsage = root.TryGetProperty("stream_options", out var so) && so.ValueKind == JsonValueKind.Object
                && (GetBool(so, "include_usage") ?? false);
            var maxTokens = GetInt(root, "max_completion_tokens") ?? GetInt(root, "max_tokens");
            if (maxTokens is < 1)
            {
                throw SimException.BadRequest("max_tokens must be at least 1, got " + maxTokens + ".", "max_tokens");
            }

            var n = GetInt(root, "n") ?? 1;
            if (n != 1)
            {
                throw SimException.BadRequest("This server only supports n=1.", "n");
            }

            var temperature = GetDouble(root, "temperature");
            if (temperature is < 0 or > 2)
            {
                throw SimException.BadRequest("temperature must be between 0 and 2.", "temperature");
            }

            var tools = ParseTools(root);
            return new ChatRequest(
                model,
                messages,
                stream,
                includeUsage,
                maxTokens,
                n,
                temperature,
                GetLong(root, "seed"),
                ParseStop(root),
                tools,
                ParseToolChoice(root, tools),
                GetBool(root, "parallel_tool_calls") ?? true);
        }
    }

    private static List<ChatMessage> ParseMessages(JsonElement root)
    {
        if (!root.TryGetProperty("messages", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw SimException.BadRequest("Field required: 'messages' must be a list of messages.", "messages");
        }

        var messages = new List<ChatMessage>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String)
            {
                throw SimException.BadRequest("Each message must be an object with a 'role'.", "messages");
            }

            var toolCalls = new List<ToolCallRecord>();
            if (item.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
            {
                foreach (var call in calls.EnumerateArray())
                {
                    if (call.ValueKind == JsonValueKind.Object && call.TryGetProperty("function", out var f) && f.ValueKind == JsonValueKind.Object
                        && GetString(f, "name") is { } functionName)
                    {
                        toolCalls.Add(new ToolCallRecord(GetString(call, "id"), functionName, GetString(f, "arguments") ?? "{}"));
                    }
                }
            }

            messages.Add(new ChatMessage(
                role.GetString() ?? "",
                ReadContent(item),
                GetString(item, "name"),
                GetString(item, "tool_call_id"),
                toolCalls));
        }

        if (messages.Count == 0)
        {
            throw SimException.BadRequest("'messages' must contain at least one message.", "messages");
        }

        return messages;
    }

    private static string ReadContent(JsonElement message)
    {
        if (!message.TryGetProperty("content", out var content))
        {
            return "";
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString() ?? "";
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return "";
        }

        var parts = new List<string>();
        foreach (var part in content.EnumerateArray())
        {
            if (part.ValueKind == JsonValueKind.Object && GetString(part, "text") is { } text)
            {
                parts.Add(text);
            }
        }

        return string.Join("\n", parts);
    }

    private static List<string> ParseStop(JsonElement root)
    {
        if (!root.TryGetProperty("stop", out var stop))
        {
            return [];
        }

        return stop.ValueKind switch
        {
            JsonValueKind.String when stop.GetString() is { Length: > 0 } s => [s],
            JsonValueKind.Array => [.. stop.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String)
                .Select(e => e.GetString() ?? "").Where(s => s.Length > 0)],
            _ => [],
        };
    }

    private static List<ToolDefinition> ParseTools(JsonElement root)
    {
        if (!root.TryGetProperty("tools", out var tools) || tools.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        if (tools.GetArrayLength() == 0)
        {
            // vLLM's check_tool_usage, matching OpenAI.
            throw SimException.BadRequest("`tools` must not be an empty array. Either provide at least one tool or omit the field entirely.", "tools");
        }

        var result = new List<ToolDefinition>();
        foreach (var tool in tools.EnumerateArray())
        {
            if (tool.ValueKind != JsonValueKind.Object || !tool.TryGetProperty("function", out var function)
                || GetString(function, "name") is not { Length: > 0 } name)
            {
                throw SimException.BadRequest("Each tool must have a 'function' with a 'name'.", "tools");
            }

            JsonElement? parameters = function.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Object ? p.Clone() : null;
            result.Add(new ToolDefinition(name, GetString(function, "description") ?? "", parameters));
        }

        return result;
    }

    // The rules and messages of vLLM's ChatCompletionRequest.check_tool_usage.
    private static ToolChoice ParseToolChoice(JsonElement root, List<ToolDefinition> tools)
    {
        if (!root.TryGetProperty("tool_choice", out var choice) || choice.ValueKind == JsonValueKind.Null)
        {
            return tools.Count > 0 ? ToolChoice.Auto : new ToolChoice(ToolChoiceMode.None, null);
        }

        if (choice.ValueKind == JsonValueKind.String && choice.GetString() == "none")
        {
            return new ToolChoice(ToolChoiceMode.None, null);
        }

        if (tools.Count == 0)
        {
            throw SimException.BadRequest("When using `tool_choice`, `tools` must be set.", "tool_choice");
        }

        if (choice.ValueKind == JsonValueKind.String)
        {
            return choice.GetString() switch
            {
                "auto" => ToolChoice.Auto,
                "required" => new ToolChoice(ToolChoiceMode.Required, null),
                var other => throw SimException.BadRequest(
                    $"Invalid value for `tool_choice`: {other}! Only named tools, \"none\", \"auto\" or \"required\" are supported.", "tool_choice"),
            };
        }

        const string correctUsage = "Correct usage: `{\"type\": \"function\", \"function\": {\"name\": \"my_function\"}}`";
        if (choice.ValueKind != JsonValueKind.Object)
        {
            throw SimException.BadRequest(
                $"Invalid value for `tool_choice`: {choice.GetRawText()}! Only named tools, \"none\", \"auto\" or \"required\" are supported.", "tool_choice");
        }

        if (!choice.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object)
        {
            throw SimException.BadRequest($"Invalid value for `function`: `{(choice.TryGetProperty("function", out var f) ? f.GetRawText() : "None")}` in `tool_choice`! {correctUsage}", "tool_choice.function");
        }

        if (!function.TryGetProperty("name", out _))
        {
            throw SimException.BadRequest($"Expected field `name` in `function` in `tool_choice`! {correctUsage}", "tool_choice.function.name");
        }

        if (GetString(function, "name") is not { Length: > 0 } name)
        {
            throw SimException.BadRequest($"Invalid `name` in `function`: `{function.GetProperty("name").GetRawText()}` in `tool_choice`! {correctUsage}", "tool_choice.function.name");
        }

        if (!tools.Any(t => t.Name == name))
        {
            throw SimException.BadRequest("The tool specified in `tool_choice` does not match any of the specified `tools`", "tool_choice");
        }

        return new ToolChoice(ToolChoiceMode.Named, name);
    }

    private static string? GetString(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool? GetBool(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    private static int? GetInt(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i)
            ? i
            : throw SimException.BadRequest($"'{name}' must be an integer.", name);
    }

    private static long? GetLong(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var l)
            ? l
            : throw SimException.BadRequest($"'{name}' must be an integer.", name);
    }

    private static double? GetDouble(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.Number
            ? v.GetDouble()
            : throw SimException.BadRequest($"'{name}' must be a number.", name);
    }
}
