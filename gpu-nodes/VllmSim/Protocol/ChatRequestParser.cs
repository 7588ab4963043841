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
                ParseTools(root),
                ParseToolChoice(root));
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

            var toolCallNames = new List<string>();
            if (item.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
            {
                foreach (var call in calls.EnumerateArray())
                {
                    if (call.TryGetProperty("function", out var f) && f.TryGetProperty("name", out var fn) && fn.ValueKind == JsonValueKind.String)
                    {
                        toolCallNames.Add(fn.GetString() ?? "");
                    }
                }
            }

            messages.Add(new ChatMessage(
                role.GetString() ?? "",
                ReadContent(item),
                GetString(item, "name"),
                GetString(item, "tool_call_id"),
                toolCallNames));
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

    private static ToolChoice ParseToolChoice(JsonElement root)
    {
        if (!root.TryGetProperty("tool_choice", out var choice))
        {
            return ToolChoice.Auto;
        }

        if (choice.ValueKind == JsonValueKind.String)
        {
            return choice.GetString() switch
            {
                "none" => new ToolChoice(ToolChoiceMode.None, null),
                "required" => new ToolChoice(ToolChoiceMode.Required, null),
                _ => ToolChoice.Auto,
            };
        }

        if (choice.ValueKind == JsonValueKind.Object && choice.TryGetProperty("function", out var f) && GetString(f, "name") is { } name)
        {
            return new ToolChoice(ToolChoiceMode.Named, name);
        }

        return ToolChoice.Auto;
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
