using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace Arena.Benchmarks;

/// <summary>
/// Whole battles through the real stack (HTTP → Arena.Web → grains → VllmSim, and SSE back), at the
/// simulated models' real speed: start-up time, time to the first token on the page's stream, time
/// until both answers are done, and the vote.
/// </summary>
public static class BattleBenchmark
{
    public static async Task RunAsync(int battles, int concurrency)
    {
        var (arena, startup) = await ArenaProcess.StartAsync();
        await using var _ = arena;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Arena.Web process start to first page: {startup.TotalMilliseconds:F0} ms"));

        await RunBattleAsync(arena.Address, 0); // warm up
        var results = new List<(double FirstToken, double Done, double Vote)>();
        var clock = Stopwatch.StartNew();
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= battles)
            {
                var result = await RunBattleAsync(arena.Address, next);
                lock (results)
                {
                    results.Add(result);
                }
            }
        }));

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{battles} battles, {concurrency} at a time, {clock.Elapsed.TotalSeconds:F1} s in all"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"first token on the stream: p50 {Summary.Percentile(results.Select(r => r.FirstToken), 0.5):F0} ms, p95 {Summary.Percentile(results.Select(r => r.FirstToken), 0.95):F0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"both answers done:         p50 {Summary.Percentile(results.Select(r => r.Done), 0.5):F0} ms, p95 {Summary.Percentile(results.Select(r => r.Done), 0.95):F0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"vote and reveal:           p50 {Summary.Percentile(results.Select(r => r.Vote), 0.5):F1} ms, p95 {Summary.Percentile(results.Select(r => r.Vote), 0.95):F1} ms"));
    }

    private static async Task<(double FirstToken, double Done, double Vote)> RunBattleAsync(Uri address, int n)
    {
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
        var clock = Stopwatch.StartNew();
        using var start = await http.PostAsJsonAsync("/api/battles", new { prompt = $"How do volcanoes form? ({n.ToString(CultureInfo.InvariantCulture)})" });
        start.EnsureSuccessStatusCode();
        var started = await start.Content.ReadFromJsonAsync<JsonElement>();
        var events = started.GetProperty("events").GetString()!;
        double? firstToken = null;
        await using (var stream = await http.GetStreamAsync(events))
        {
            await foreach (var item in SseParser.Create(stream).EnumerateAsync())
            {
                if (item.EventType == "token")
                {
                    firstToken ??= clock.Elapsed.TotalMilliseconds;
                }
                else if (item.EventType == "battle_done")
                {
                    break;
                }
            }
        }

        var done = clock.Elapsed.TotalMilliseconds;
        var voteClock = Stopwatch.StartNew();
        using var vote = await http.PostAsJsonAsync($"/api/battles/{started.GetProperty("battle_id").GetString()}/vote", new { winner = "tie" });
        vote.EnsureSuccessStatusCode();
        return (firstToken ?? done, done, voteClock.Elapsed.TotalMilliseconds);
    }
}
