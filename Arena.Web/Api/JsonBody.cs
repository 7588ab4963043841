using System.Text.Json;

namespace Arena.Web.Api;

/// <summary>Reads a JSON request body, refusing a missing or malformed one with a clear message.</summary>
public static class JsonBody
{
    public const int MaxBytes = 1 << 20;

    public static async Task<T> ReadAsync<T>(HttpRequest request, string example)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            throw ArenaException.Invalid($"Send a JSON body with Content-Type application/json, like {example}.");
        }

        if (request.ContentLength > MaxBytes)
        {
            throw ArenaException.Invalid($"The body is larger than {MaxBytes} bytes.");
        }

        try
        {
            return await request.ReadFromJsonAsync<T>() ?? throw ArenaException.Invalid($"The body is empty; send {example}.");
        }
        catch (JsonException ex)
        {
            throw ArenaException.Invalid($"The body is not valid JSON ({ex.Message}); send {example}.");
        }
    }
}
