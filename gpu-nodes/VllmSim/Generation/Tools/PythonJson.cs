using System.Text.Encodings.Web;

namespace VllmSim.Generation.Tools;

/// <summary>
/// Writes JSON the way vLLM's tool parsers do (<c>json.dumps(arguments, ensure_ascii=False)</c>):
/// <c>", "</c> and <c>": "</c> separators, non-ASCII kept as is.
/// </summary>
internal static class PythonJson
{
    private static readonly JsonSerializerOptions Scalar = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Dumps(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject o => "{" + string.Join(", ", o.Select(p => JsonValue.Create(p.Key).ToJsonString(Scalar) + ": " + Dumps(p.Value))) + "}",
        JsonArray a => "[" + string.Join(", ", a.Select(Dumps)) + "]",
        _ => node.ToJsonString(Scalar),
    };
}
