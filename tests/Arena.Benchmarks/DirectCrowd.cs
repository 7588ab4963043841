using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace Arena.Benchmarks;

/// <summary>
/// The peer of a crowd of battles: each user streams both models straight from the model server, at once, with no Arena
/// between, and reads each chunk as a browser reads Arena's events (an SSE parser and a JSON parse per event). On one
/// machine this is what the model server and the clients alone leave of the pace, so the crowd's pace through Arena is
/// read against it as well as against the unloaded pace.
/// </summary>
public static class DirectCrowd
{
    /// <summary>One user's two answers: the first token of either, and model A's pace in tokens a second.</summary>
    public static async Task<BattleRun> RunAsync(HttpClient http, Uri endpoint, string prompt, Stopwatch clock)
    {
        var startMs = clock.Elapsed.TotalMilliseconds;
        var a = StreamAsync(http, endpoint, BenchSimulator.Models[0], prompt, clock);
        var b = StreamAsync(http, endpoint, BenchSimulator.Models[1], prompt, clock);
        var (sideA, sideB) = (await a, await b);
        var first = Math.Min(sideA.FirstMs, sideB.FirstMs);
        var pace = sideA.Tokens > 1 && sideA.LastMs > sideA.FirstMs ? (sideA.Tokens - 1) / ((sideA.LastMs - sideA.FirstMs) / 1000.0) : 0;
        return new BattleRun(
            System.Net.HttpStatusCode.Created, null, startMs, first, sideA.FirstMs, sideA.LastMs, Math.Max(sideA.LastMs, sideB.LastMs),
            sideA.Tokens, pace, null);
    }

    private static async Task<(double FirstMs, double LastMs, int Tokens)> StreamAsync(HttpClient http, Uri endpoint, string model, string prompt, Stopwatch clock)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint + "/chat/completions"))
        {
            Content = JsonContent.Create(new
            {
                model,
                messages = new[] { new { role = "user", content = prompt } },
                stream = true,
                max_tokens = BenchSimulator.AnswerTokens,
            }),
        };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        double? first = null;
        double last = 0;
        var tokens = 0;
        await using var body = await response.Content.ReadAsStreamAsync();
        await foreach (var item in SseParser.Create(body).EnumerateAsync())
        {
            if (item.Data == "[DONE]")
            {
                break;
            }

            using var chunk = JsonDocument.Parse(item.Data);
            var choices = chunk.RootElement.GetProperty("choices");
            if (choices.GetArrayLength() > 0 && choices[0].GetProperty("delta").TryGetProperty("content", out var content)
                && content.GetString() is { Length: > 0 })
            {
                var now = clock.Elapsed.TotalMilliseconds;
                first ??= now;
                last = now;
                tokens++;
            }
        }

        return (first ?? last, last, tokens);
    }
}
