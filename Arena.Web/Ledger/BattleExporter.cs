using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Arena.Battles;
using Arena.Ratings.Ledger;

namespace Arena.Web.Ledger;

/// <summary>
/// Writes ledger rows as Chatbot Arena battles, one line each, as they are read: <c>battle_id</c>,
/// <c>model_a</c>, <c>model_b</c>, <c>winner</c>, <c>tstamp</c> (unix seconds), <c>anony</c>, <c>category</c>,
/// <c>counted</c>, <c>excluded_reason</c>, <c>source</c>. Session hashes are never exported.
/// </summary>
public static class BattleExporter
{
    public static readonly string[] Columns =
        ["battle_id", "model_a", "model_b", "winner", "tstamp", "anony", "category", "counted", "excluded_reason", "source"];

    /// <summary>Rows written between flushes to the client.</summary>
    private const int FlushEvery = 1_000;

    public static async Task<long> WriteAsync(PipeWriter output, IAsyncEnumerable<LedgerEntry> entries, BattleFormat format, CancellationToken cancellationToken)
    {
        // Relaxed escaping: a file, not HTML, so model names keep their characters.
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var csv = new StringBuilder();
        if (format == BattleFormat.Csv)
        {
            Encoding.UTF8.GetBytes(string.Join(',', Columns) + "\r\n", output);
        }

        long rows = 0;
        await foreach (var entry in entries.WithCancellation(cancellationToken))
        {
            if (format == BattleFormat.Csv)
            {
                WriteCsv(csv.Clear(), entry);
                Encoding.UTF8.GetBytes(csv.ToString(), output);
            }
            else
            {
                json.Reset(output);
                WriteJson(json, entry);
                json.Flush();
                output.Write("\n"u8);
            }

            if (++rows % FlushEvery == 0)
            {
                await output.FlushAsync(cancellationToken);
            }
        }

        await output.FlushAsync(cancellationToken);
        return rows;
    }

    /// <summary>Unix seconds, fractional, of a vote's time.</summary>
    public static double UnixSeconds(DateTimeOffset time) =>
        (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (double)TimeSpan.TicksPerSecond;

    private static string? ExcludedReason(LedgerEntry entry) =>
        entry.Vote.Counts ? null : entry.Vote.ExcludedReason ?? "named battle";

    private static void WriteJson(Utf8JsonWriter json, LedgerEntry entry)
    {
        var vote = entry.Vote;
        json.WriteStartObject();
        json.WriteString("battle_id", vote.BattleId.ToString("D"));
        json.WriteString("model_a", vote.ModelA);
        json.WriteString("model_b", vote.ModelB);
        json.WriteString("winner", LedgerEntry.OutcomeName(vote.Outcome));
        json.WriteNumber("tstamp", UnixSeconds(vote.VotedAt));
        json.WriteBoolean("anony", vote.Mode == BattleMode.Anonymous);
        json.WriteString("category", vote.Category);
        json.WriteBoolean("counted", vote.Counts);
        if (ExcludedReason(entry) is { } reason)
        {
            json.WriteString("excluded_reason", reason);
        }
        else
        {
            json.WriteNull("excluded_reason");
        }

        json.WriteString("source", entry.Source);
        json.WriteEndObject();
    }

    private static void WriteCsv(StringBuilder line, LedgerEntry entry)
    {
        var vote = entry.Vote;
        string?[] fields =
        [
            vote.BattleId.ToString("D"), vote.ModelA, vote.ModelB, LedgerEntry.OutcomeName(vote.Outcome),
            UnixSeconds(vote.VotedAt).ToString("R", CultureInfo.InvariantCulture),
            vote.Mode == BattleMode.Anonymous ? "true" : "false", vote.Category, vote.Counts ? "true" : "false",
            ExcludedReason(entry), entry.Source,
        ];
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            AppendCsvField(line, fields[i] ?? "");
        }

        line.Append("\r\n");
    }

    /// <summary>RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.</summary>
    public static void AppendCsvField(StringBuilder line, string field)
    {
        if (field.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            line.Append(field);
            return;
        }

        line.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
