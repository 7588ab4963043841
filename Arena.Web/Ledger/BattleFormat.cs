using Microsoft.Net.Http.Headers;

namespace Arena.Web.Ledger;

/// <summary>The two file formats of Chatbot Arena battles: JSON lines and CSV with a header row.</summary>
public enum BattleFormat
{
    Jsonl,
    Csv,
}

/// <summary>Media types of the battle formats.</summary>
public static class BattleFormats
{
    public const string JsonlMediaType = "application/x-ndjson";
    public const string CsvMediaType = "text/csv";

    private static readonly string[] JsonlMediaTypes = [JsonlMediaType, "application/jsonl", "application/json-lines"];

    /// <summary>The media types an import accepts, for messages.</summary>
    public static string Accepted => string.Join(", ", JsonlMediaTypes.Append(CsvMediaType));

    /// <summary>The format of a request body by its Content-Type, or null if it is not one of ours.</summary>
    public static BattleFormat? FromContentType(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed))
        {
            return null;
        }

        var media = parsed.MediaType.Value ?? "";
        if (JsonlMediaTypes.Contains(media, StringComparer.OrdinalIgnoreCase))
        {
            return BattleFormat.Jsonl;
        }

        return string.Equals(media, CsvMediaType, StringComparison.OrdinalIgnoreCase) ? BattleFormat.Csv : null;
    }

    /// <summary>The format named by <c>?format=</c>, or null if it names none.</summary>
    public static BattleFormat? FromName(string name) => name.Trim().ToLowerInvariant() switch
    {
        "jsonl" or "ndjson" => BattleFormat.Jsonl,
        "csv" => BattleFormat.Csv,
        _ => null,
    };

    /// <summary>The format an Accept header prefers (by quality, then order); JSON lines if it names neither.</summary>
    public static BattleFormat FromAccept(IList<MediaTypeHeaderValue> accept)
    {
        foreach (var value in accept.OrderByDescending(a => a.Quality ?? 1.0))
        {
            var media = value.MediaType.Value ?? "";
            if (JsonlMediaTypes.Contains(media, StringComparer.OrdinalIgnoreCase))
            {
                return BattleFormat.Jsonl;
            }

            if (string.Equals(media, CsvMediaType, StringComparison.OrdinalIgnoreCase))
            {
                return BattleFormat.Csv;
            }
        }

        return BattleFormat.Jsonl;
    }

    public static string MediaType(BattleFormat format) => format == BattleFormat.Csv ? CsvMediaType : JsonlMediaType;
}
