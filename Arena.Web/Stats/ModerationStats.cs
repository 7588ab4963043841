using System.Text.Json.Serialization;

namespace Arena.Web.Stats;

/// <summary>
/// Moderation in <c>GET /api/stats</c>: the checks that run, in order (<c>blocklist</c>, <c>openai</c>), whether a
/// failed check refuses the prompt, and durable counts per source: prompts refused (<c>flagged</c>) and checks that
/// failed or timed out (<c>unavailable</c>), in total and for each of the last <see cref="StatsService.Days"/> UTC days.
/// </summary>
public sealed record ModerationStats(
    [property: JsonPropertyName("checks")] IReadOnlyList<string> Checks,
    [property: JsonPropertyName("fail_closed")] bool FailClosed,
    [property: JsonPropertyName("flagged")] IReadOnlyDictionary<string, long> Flagged,
    [property: JsonPropertyName("unavailable")] IReadOnlyDictionary<string, long> Unavailable,
    [property: JsonPropertyName("days")] IReadOnlyList<ModerationDay> Days)
{
    /// <summary>All prompts refused, whatever the source.</summary>
    [JsonPropertyName("flagged_total")]
    public long FlaggedTotal => Flagged.Values.Sum();
}

/// <summary>One UTC day's refused prompts and failed checks, per source (sources without any are left out).</summary>
public sealed record ModerationDay(
    [property: JsonPropertyName("date")] DateOnly Date,
    [property: JsonPropertyName("flagged")] IReadOnlyDictionary<string, long> Flagged,
    [property: JsonPropertyName("unavailable")] IReadOnlyDictionary<string, long> Unavailable);
