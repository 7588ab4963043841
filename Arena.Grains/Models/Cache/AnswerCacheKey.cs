using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Arena.Models.Cache;

/// <summary>
/// The key of a question in the answer cache: the SHA-256 (hex) of a canonical JSON serialisation of
/// everything that shapes the answer: the model (Arena's id and the name its server knows), the sampling
/// settings, and every message with its role and content, in order. The caller's purpose is not part of it.
/// </summary>
public static class AnswerCacheKey
{
    /// <summary>Bumped whenever the serialisation changes, so that old keys stop matching.</summary>
    private const int Version = 1;

    public static string Of(ModelDefinition model, GenerationRequest request) =>
        Convert.ToHexStringLower(SHA256.HashData(Canonical(model, request)));

    /// <summary>The bytes hashed: fixed property order, no whitespace, numbers in invariant round-trip form, nulls written out.</summary>
    public static byte[] Canonical(ModelDefinition model, GenerationRequest request)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            json.WriteStartObject();
            json.WriteNumber("v", Version);
            json.WriteString("model", model.Id);
            json.WriteString("served_name", model.ServedName);
            WriteNullable(json, "max_tokens", request.MaxOutputTokens?.ToString(CultureInfo.InvariantCulture));
            WriteNullable(json, "temperature", request.Temperature?.ToString("R", CultureInfo.InvariantCulture));
            WriteNullable(json, "seed", request.Seed?.ToString(CultureInfo.InvariantCulture));
            json.WriteStartArray("messages");
            foreach (var message in request.Messages)
            {
                json.WriteStartObject();
                json.WriteString("role", message.Role switch
                {
                    ChatRole.System => "system",
                    ChatRole.User => "user",
                    ChatRole.Assistant => "assistant",
                    _ => throw new ArgumentOutOfRangeException(nameof(request), message.Role, "Unknown chat role."),
                });
                json.WriteString("content", message.Content);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    // Numbers as strings: the text form is exact, whatever the JSON writer would do with a float.
    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
