using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace Arena.Benchmarks;

/// <summary>
/// Votes cast through the running system while an import runs: battles started and answered beforehand (so only the
/// vote is timed), then voted on at a steady pace, each <c>POST /api/battles/{id}/vote</c> timed from send to answer.
/// </summary>
public sealed class ImportVoters(HttpClient http)
{
    /// <summary>Time between the starts of two votes: a steady crowd, whatever the answers take.</summary>
    public static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(40);

    private readonly Queue<string> _battles = new();

    public int Acknowledged { get; private set; }

    /// <summary>Starts <paramref name="count"/> battles, a few at a time, and waits until both sides of each have answered.</summary>
    public async Task PrepareAsync(int count)
    {
        // The first alone: its answer sets the session cookie that the others share (a battle is its owner's).
        var ids = new List<string> { await BattleAsync() };
        var next = 1;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= count)
            {
                var id = await BattleAsync();
                lock (ids)
                {
                    ids.Add(id);
                }
            }
        }));
        foreach (var id in ids)
        {
            _battles.Enqueue(id);
        }
    }

    private async Task<string> BattleAsync()
    {
        using var start = await http.PostAsJsonAsync("/api/battles", new { prompt = "How do tides work?" });
        if (start.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"A battle start was answered {(int)start.StatusCode}: {await start.Content.ReadAsStringAsync()}");
        }

        var started = await start.Content.ReadFromJsonAsync<JsonElement>();
        await using (var stream = await http.GetStreamAsync(started.GetProperty("events").GetString()))
        {
            await foreach (var item in SseParser.Create(stream).EnumerateAsync())
            {
                if (item.EventType == "battle_done")
                {
                    break;
                }
            }
        }

        return started.GetProperty("battle_id").GetString()!;
    }

    /// <summary>Votes at <see cref="Pace"/> on <paramref name="votes"/> battles, or until <paramref name="until"/> ends; each vote's time in ms.</summary>
    public async Task<List<double>> VoteAsync(int votes, Task? until = null)
    {
        var times = new List<double>();
        var inFlight = new List<Task>();
        var clock = Stopwatch.StartNew();
        for (var n = 0; n < votes && _battles.Count > 0 && until?.IsCompleted != true; n++)
        {
            var id = _battles.Dequeue();
            inFlight.Add(Task.Run(async () =>
            {
                var sent = Stopwatch.StartNew();
                using var response = await http.PostAsJsonAsync($"/api/battles/{id}/vote", new { winner = "a" });
                var elapsed = sent.Elapsed.TotalMilliseconds;
                lock (times)
                {
                    times.Add(elapsed);
                    Acknowledged += response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted ? 1 : 0;
                }
            }));
            var due = Pace * (n + 1) - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await (until is null ? Task.Delay(due) : Task.WhenAny(until, Task.Delay(due)));
            }
        }

        await Task.WhenAll(inFlight);
        return times;
    }

    public static string Describe(string name, IReadOnlyList<double> times) => string.Create(CultureInfo.InvariantCulture,
        $"{name,-34} n={times.Count,4}  p50 {Summary.Percentile(times, 0.5),7:F1} ms  p99 {Summary.Percentile(times, 0.99),7:F1} ms  max {(times.Count == 0 ? double.NaN : times.Max()),7:F1} ms");
}
