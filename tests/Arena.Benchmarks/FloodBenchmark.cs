using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace Arena.Benchmarks;

/// <summary>
/// A flood from one client address: <c>starts</c> battle starts, each without a cookie (so each a new session),
/// with the rate limits on at their defaults, while a few other users (other addresses, sent as X-Forwarded-For
/// by a known proxy on loopback) run ordinary battles. Prints how many starts were accepted and the first-token
/// times the other users saw, beside their times with no flood.
/// </summary>
public static class FloodBenchmark
{
    private const string Attacker = "203.0.113.66";

    public static async Task RunAsync(int starts, int users, int battlesPerUser)
    {
        // Limits on at their defaults; every request comes through a "proxy" on loopback that names its client.
        var (arena, _) = await ArenaProcess.StartAsync("--Arena:RateLimits:Enabled=true", "--Arena:ForwardedHeaders:KnownProxies:0=127.0.0.1");
        await using var _ = arena;
        await UserBattleAsync(arena.Address, "10.9.9.9", 0); // warm up

        var quiet = (await UsersAsync(arena.Address, users, battlesPerUser, round: 1, Stopwatch.StartNew())).Select(b => b.FirstToken).ToList();

        var clock = Stopwatch.StartNew();
        var attack = FloodAsync(arena.Address, starts);
        var loaded = await UsersAsync(arena.Address, users, battlesPerUser, round: 2, clock);
        var (accepted, refused, other, floodTime) = await attack;
        var during = loaded.Where(b => b.StartedAt < floodTime).Select(b => b.FirstToken).ToList();
        var after = loaded.Where(b => b.StartedAt >= floodTime).Select(b => b.FirstToken).ToList();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"flood from one address: {starts} battle starts, each with a fresh cookie, in {floodTime.TotalSeconds:F1} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  accepted {accepted}, refused with 429 {refused}, other answers {other}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"other users ({users} addresses, {battlesPerUser} battles each), first token on the stream:"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  no flood:     p50 {Summary.Percentile(quiet, 0.5),7:F0} ms  p99 {Summary.Percentile(quiet, 0.99),7:F0} ms  (n={quiet.Count})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  with flood:   p50 {Summary.Percentile(loaded.Select(b => b.FirstToken), 0.5),7:F0} ms  p99 {Summary.Percentile(loaded.Select(b => b.FirstToken), 0.99),7:F0} ms  (n={loaded.Count}, the round took {clock.Elapsed.TotalSeconds:F1} s)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    started while the flood's requests were in flight: p50 {Summary.Percentile(during, 0.5),7:F0} ms  p99 {Summary.Percentile(during, 0.99),7:F0} ms  (n={during.Count})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    started after (its accepted battles may still answer): p50 {Summary.Percentile(after, 0.5),7:F0} ms  p99 {Summary.Percentile(after, 0.99),7:F0} ms  (n={after.Count})"));
    }

    /// <summary>The attacker: all starts at once (a few hundred in flight), no cookies, one address.</summary>
    private static async Task<(int Accepted, int Refused, int Other, TimeSpan Took)> FloodAsync(Uri address, int starts)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = 256 }) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Add("X-Forwarded-For", Attacker);
        var clock = Stopwatch.StartNew();
        var statuses = await Task.WhenAll(Enumerable.Range(0, starts).Select(async i =>
        {
            try
            {
                using var response = await http.PostAsJsonAsync("/api/battles", new { prompt = $"Tell me a story ({i.ToString(CultureInfo.InvariantCulture)})" });
                return response.StatusCode;
            }
            catch (HttpRequestException)
            {
                return HttpStatusCode.ServiceUnavailable;
            }
        }));
        return (statuses.Count(s => s == HttpStatusCode.Created), statuses.Count(s => s == HttpStatusCode.TooManyRequests),
            statuses.Count(s => s is not HttpStatusCode.Created and not HttpStatusCode.TooManyRequests), clock.Elapsed);
    }

    /// <summary>Each user's battles one after another; each with when it started on <paramref name="clock"/> and its first-token time.</summary>
    private static async Task<List<(TimeSpan StartedAt, double FirstToken)>> UsersAsync(Uri address, int users, int battles, int round, Stopwatch clock)
    {
        var times = new List<(TimeSpan, double)>();
        await Task.WhenAll(Enumerable.Range(1, users).Select(async user =>
        {
            for (var b = 0; b < battles; b++)
            {
                var startedAt = clock.Elapsed;
                var firstToken = await UserBattleAsync(address, $"10.0.{round.ToString(CultureInfo.InvariantCulture)}.{user.ToString(CultureInfo.InvariantCulture)}", b);
                lock (times)
                {
                    times.Add((startedAt, firstToken));
                }
            }
        }));
        return times;
    }

    /// <summary>One user's battle, start to vote; returns the time from the start request to the first token on its stream.</summary>
    private static async Task<double> UserBattleAsync(Uri address, string client, int n)
    {
        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer() }) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Add("X-Forwarded-For", client);
        var clock = Stopwatch.StartNew();
        using var start = await http.PostAsJsonAsync("/api/battles", new { prompt = $"How do tides work? ({n.ToString(CultureInfo.InvariantCulture)})" });
        if (start.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"A user's start was answered {(int)start.StatusCode}: {await start.Content.ReadAsStringAsync()}");
        }

        var started = await start.Content.ReadFromJsonAsync<JsonElement>();
        double? firstToken = null;
        await using (var stream = await http.GetStreamAsync(started.GetProperty("events").GetString()))
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

        using var vote = await http.PostAsJsonAsync($"/api/battles/{started.GetProperty("battle_id").GetString()}/vote", new { winner = "tie" });
        return firstToken ?? clock.Elapsed.TotalMilliseconds;
    }
}
