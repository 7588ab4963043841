using System.Runtime.CompilerServices;
using System.Text.Json;
using Arena.Ratings;

namespace Arena.Web.Ledger;

/// <summary>One row of a battle file: its line (1-based; a CSV header is line 1) and the vote, or why it is malformed.</summary>
public sealed record ParsedBattle(long Line, VoteRecord? Vote, string? Error);

/// <summary>Reads a battle file (JSON lines or CSV) row by row as it streams in, validating every row.</summary>
public static class BattleFileReader
{
    private static readonly string[] RequiredColumns = ["model_a", "model_b", "winner"];

    public static IAsyncEnumerable<ParsedBattle> ReadAsync(Stream body, BattleFormat format, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var reader = new StreamReader(body, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024);
        return format == BattleFormat.Csv ? ReadCsvAsync(reader, now, cancellationToken) : ReadJsonlAsync(reader, now, cancellationToken);
    }

    private static async IAsyncEnumerable<ParsedBattle> ReadJsonlAsync(StreamReader reader, DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var _ = reader;
        long line = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            yield return ParseJson(line, text, now);
        }
    }

    private static ParsedBattle ParseJson(long line, string text, DateTimeOffset now)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            return new ParsedBattle(line, null, $"not valid JSON: {ex.Message}");
        }

        using (document)
        {
            var row = document.RootElement;
            if (row.ValueKind != JsonValueKind.Object)
            {
                return new ParsedBattle(line, null, $"expected a JSON object, got {row.ValueKind.ToString().ToLowerInvariant()}");
            }

            var errors = new List<string>();
            var columns = new BattleColumns(
                Field(row, "model_a", errors, JsonValueKind.String),
                Field(row, "model_b", errors, JsonValueKind.String),
                Field(row, "winner", errors, JsonValueKind.String),
                Field(row, "tstamp", errors, JsonValueKind.Number, JsonValueKind.String),
                Field(row, "anony", errors, JsonValueKind.True, JsonValueKind.False, JsonValueKind.String),
                Field(row, "category", errors, JsonValueKind.String),
                Field(row, "battle_id", errors, JsonValueKind.String),
                Field(row, "question_id", errors, JsonValueKind.String, JsonValueKind.Number));
            if (errors.Count > 0)
            {
                return new ParsedBattle(line, null, string.Join("; ", errors));
            }

            var (vote, error) = columns.ToVote(line, now);
            return new ParsedBattle(line, vote, error);
        }
    }

    /// <summary>A member as text (null if absent or null), or an error if it has a kind not allowed.</summary>
    private static string? Field(JsonElement row, string name, List<string> errors, params JsonValueKind[] allowed)
    {
        if (!row.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (!allowed.Contains(value.ValueKind))
        {
            errors.Add($"{name} must be {string.Join(" or ", allowed.Select(KindName).Distinct())}, not {KindName(value.ValueKind)}");
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => value.GetRawText(),
        };
    }

    private static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Number => "a number",
        JsonValueKind.String => "a string",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static async IAsyncEnumerable<ParsedBattle> ReadCsvAsync(StreamReader reader, DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var _ = reader;
        var csv = new CsvRecordReader(reader);
        var header = await csv.ReadAsync(cancellationToken);
        if (header is null)
        {
            yield break;
        }

        var index = header.Fields.Select((name, i) => (Name: name.Trim().TrimStart('\uFEFF'), Index: i))
            .GroupBy(c => c.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Index, StringComparer.Ordinal);
        var missing = RequiredColumns.Where(c => !index.ContainsKey(c)).ToArray();
        if (header.Error is not null || missing.Length > 0)
        {
            yield return new ParsedBattle(header.Line, null, header.Error is not null
                ? $"the header row is malformed: {header.Error}"
                : $"the header row has no column {string.Join(", ", missing)}; it needs model_a, model_b and winner");
            yield break;
        }

        int At(string name) => index.TryGetValue(name, out var i) ? i : -1;
        int[] columns = [At("model_a"), At("model_b"), At("winner"), At("tstamp"), At("anony"), At("category"), At("battle_id"), At("question_id")];
        while (await csv.ReadAsync(cancellationToken) is { } record)
        {
            if (record.IsBlank)
            {
                continue;
            }

            if (record.Error is not null)
            {
                yield return new ParsedBattle(record.Line, null, record.Error);
                continue;
            }

            if (record.Fields.Count != header.Fields.Count)
            {
                yield return new ParsedBattle(record.Line, null, $"has {record.Fields.Count} fields; the header has {header.Fields.Count}");
                continue;
            }

            string? Column(int i) => columns[i] < 0 ? null : record.Fields[columns[i]];
            var battle = new BattleColumns(Column(0), Column(1), Column(2), Column(3), Column(4), Column(5), Column(6), Column(7));
            var (vote, error) = battle.ToVote(record.Line, now);
            yield return new ParsedBattle(record.Line, vote, error);
        }
    }
}
