using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;

namespace Arena.Benchmarks;

/// <summary>
/// One battle as a browser sees it, timed from the wire: the start's answer, then the event stream to <c>battle_done</c>.
/// Side A's pace is its stored output tokens over the time from its first token on the stream to its last (the stream may
/// carry several tokens in one event); the text on the stream can be compared with the stored battle's, so that a lost or
/// doubled token shows.
/// </summary>
public static class BattleClient
{
    /// <summary>A client with its own cookie jar: one user, one session.</summary>
    public static HttpClient NewUser(Uri address) =>
        new(new SocketsHttpHandler { CookieContainer = new CookieContainer() }) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(10) };

    /// <summary>Starts a battle and, if it is admitted, reads its stream to the end. <paramref name="clock"/> times every figure.</summary>
    public static async Task<BattleRun> RunAsync(HttpClient http, string prompt, Stopwatch clock, bool checkText = false, CancellationToken cancellationToken = default)
    {
        HttpResponseMessage start;
        try
        {
            start = await http.PostAsJsonAsync("/api/battles", new { prompt }, cancellationToken);
        }
        catch (HttpRequestException)
        {
            return BattleRun.Failed(HttpStatusCode.BadGateway, clock.Elapsed.TotalMilliseconds);
        }

        using (start)
        {
            var startMs = clock.Elapsed.TotalMilliseconds;
            if (start.StatusCode != HttpStatusCode.Created)
            {
                return BattleRun.Failed(start.StatusCode, startMs);
            }

            var started = await start.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            var id = started.GetProperty("battle_id").GetString()!;
            double? first = null;
            double? firstA = null;
            double lastA = 0;
            var textA = new StringBuilder();
            var textB = new StringBuilder();
            await using (var stream = await http.GetStreamAsync(started.GetProperty("events").GetString(), cancellationToken))
            {
                await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken))
                {
                    if (item.EventType == "token")
                    {
                        var now = clock.Elapsed.TotalMilliseconds;
                        first ??= now;
                        using var token = JsonDocument.Parse(item.Data);
                        var sideA = token.RootElement.GetProperty("side").GetString() == "a";
                        (sideA ? textA : textB).Append(token.RootElement.GetProperty("text").GetString());
                        if (sideA)
                        {
                            firstA ??= now;
                            lastA = now;
                        }
                    }
                    else if (item.EventType == "battle_done")
                    {
                        break;
                    }
                }
            }

            var doneMs = clock.Elapsed.TotalMilliseconds;
            var battle = await http.GetFromJsonAsync<JsonElement>($"/api/battles/{id}", cancellationToken);
            var turn = battle.GetProperty("turns").EnumerateArray().Last();
            var tokensA = turn.GetProperty("a").GetProperty("output_tokens").GetInt32();
            bool? textMatches = checkText
                ? turn.GetProperty("a").GetProperty("text").GetString() == textA.ToString() && turn.GetProperty("b").GetProperty("text").GetString() == textB.ToString()
                : null;
            var pace = tokensA > 1 && lastA > firstA ? (tokensA - 1) / ((lastA - firstA.Value) / 1000.0) : 0;
            return new BattleRun(start.StatusCode, id, startMs, first ?? doneMs, firstA ?? doneMs, lastA, doneMs, tokensA, pace, textMatches);
        }
    }

    public static string Describe(string name, IEnumerable<double> values, string unit = "ms")
    {
        var all = values.ToArray();
        return string.Create(CultureInfo.InvariantCulture,
            $"{name,-30} p50 {Summary.Percentile(all, 0.5),8:F1} {unit}  p99 {Summary.Percentile(all, 0.99),8:F1} {unit}  max {(all.Length == 0 ? double.NaN : all.Max()),8:F1} {unit}");
    }
}

/// <summary>One battle's figures, in milliseconds on the caller's clock.</summary>
public sealed record BattleRun(
    HttpStatusCode Status, string? BattleId, double StartMs, double FirstTokenMs, double FirstTokenAMs, double LastTokenAMs, double DoneMs,
    int TokensA, double TokensPerSecondA, bool? TextMatches)
{
    public static BattleRun Failed(HttpStatusCode status, double ms) => new(status, null, ms, ms, ms, ms, ms, 0, 0, null);

    public bool Admitted => Status == HttpStatusCode.Created;
}
