using System.Net;
using System.Text.Json;
using Arena.Web.Tests.Api;
using Arena.Web.Tests.Hosting;

namespace Arena.Web.Tests.Moderation;

/// <summary>Moderation as the API shows it: the refusal's ProblemDetails, and the counters in <c>GET /api/stats</c>.</summary>
public static class ModerationApi
{
    /// <summary>A refusal: its detail, and the <c>moderation</c> member's source and categories.</summary>
    public sealed record Refusal(string Detail, string Source, IReadOnlyList<string> Categories, string Body);

    /// <summary>The counters of one source: flagged and unavailable, in total and today.</summary>
    public sealed record Counts(long Flagged, long FlaggedToday, long Unavailable, long UnavailableToday);

    /// <summary>Sends a request that moderation must refuse with 400, and reads the refusal.</summary>
    public static async Task<Refusal> ExpectRefusalAsync(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"Expected 400, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var root = JsonDocument.Parse(body).RootElement;
        Assert.True(root.TryGetProperty("moderation", out var moderation), $"The problem has no moderation member: {body}");
        var detail = root.GetProperty("detail").GetString()!;
        Assert.Contains("flagged by moderation", detail, StringComparison.Ordinal);
        Assert.Contains("not sent to any model", detail, StringComparison.Ordinal);
        return new Refusal(detail, moderation.GetProperty("source").GetString()!,
            [.. moderation.GetProperty("categories").EnumerateArray().Select(c => c.GetString()!)], body);
    }

    /// <summary>The moderation counters of <paramref name="source"/> in <c>GET /api/stats</c>.</summary>
    public static async Task<Counts> CountsAsync(HttpClient http, string source)
    {
        var moderation = await StatsAsync(http);
        var today = moderation.GetProperty("days").EnumerateArray().Last();
        return new Counts(Count(moderation.GetProperty("flagged"), source), Count(today.GetProperty("flagged"), source),
            Count(moderation.GetProperty("unavailable"), source), Count(today.GetProperty("unavailable"), source));
    }

    /// <summary>The <c>moderation</c> member of <c>GET /api/stats</c>, an operator endpoint.</summary>
    public static async Task<JsonElement> StatsAsync(HttpClient http)
    {
        using var response = await http.GetAsOperatorAsync("/api/stats");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /api/stats answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("moderation").Clone();
    }

    /// <summary>The session's battles, read through the API.</summary>
    public static async Task<int> HistoryCountAsync(ArenaApi api) => (await api.GetHistoryAsync()).Battles.Count;

    private static long Count(JsonElement counts, string source) => counts.TryGetProperty(source, out var n) ? n.GetInt64() : 0;
}
