namespace VllmSim.Protocol;

/// <summary>A failure that becomes vLLM's error body <c>{"error":{message,type,param,code}}</c> with <see cref="StatusCode"/>.</summary>
internal sealed class SimException(int statusCode, string type, string message, string? param = null) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public string Type { get; } = type;

    public string? Param { get; } = param;

    public static SimException BadRequest(string message, string? param = null) =>
        new(StatusCodes.Status400BadRequest, "BadRequestError", message, param);

    public static SimException ModelNotFound(string model) =>
        new(StatusCodes.Status404NotFound, "NotFoundError", $"The model `{model}` does not exist.", "model");

    public static SimException ContextLength(int maxModelLen, int promptTokens, int maxTokens) =>
        new(
            StatusCodes.Status400BadRequest,
            "BadRequestError",
            $"This model's maximum context length is {maxModelLen} tokens. However, you requested {promptTokens + maxTokens} tokens "
                + $"({promptTokens} in the messages, {maxTokens} in the completion). Please reduce the length of the messages or completion.",
            "messages");

    public static SimException Unauthorized() =>
        new(StatusCodes.Status401Unauthorized, "AuthenticationError", "Unauthorized: a valid API key is required (Authorization: Bearer <key>).");

    public static SimException RateLimited() =>
        new(StatusCodes.Status429TooManyRequests, "RateLimitError", "Too many requests: the server is rate limiting. Retry after a short wait.");

    public static SimException QueueFull(string model) =>
        new(StatusCodes.Status503ServiceUnavailable, "ServiceUnavailableError",
            $"The waiting queue for model `{model}` is full. Retry later or lower the request rate.");

    public static SimException Unavailable() =>
        new(StatusCodes.Status503ServiceUnavailable, "ServiceUnavailableError", "The engine is temporarily unavailable. Retry later.");

    public static SimException EngineError() =>
        new(StatusCodes.Status500InternalServerError, "InternalServerError", "The engine failed while generating (simulated mid-stream error).");

    /// <summary>The body as a JSON object.</summary>
    public JsonObject ToJson() => new()
    {
        ["error"] = new JsonObject
        {
            ["message"] = Message,
            ["type"] = Type,
            ["param"] = Param,
            ["code"] = StatusCode,
        },
    };
}
