using System.ClientModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;

namespace Arena.Benchmarks;

/// <summary>
/// Time to first token added by the whole stack, and the token rate through it: <c>POST /api/battles</c> → first token on
/// the battle's event stream, against a direct streaming call (OpenAI SDK) to the same model server, alternating one and
/// the other so that drift affects both alike. The model server is VllmSim in this process with fixed latencies; Arena.Web
/// runs as its own process. Like the direct client, which keeps its connection, the Arena user is a returning one: one
/// browser-like client, its connection and its session cookie kept from battle to battle. A first visit (new connection,
/// new session) is timed beside it. A relay in front of the model server (<see cref="WireTap"/>) splits the added time into
/// the request path and the token path.
/// </summary>
public static class LatencyBenchmark
{
    public static async Task RunAsync(int runs, string[] settings)
    {
        await using var simulator = await BenchSimulator.StartAsync();
        await using var tap = new WireTap(simulator.BaseAddress);
        var endpoint = new Uri(tap.Address, "/v1");
        var (arena, _) = await ArenaProcess.StartAsync([.. BenchSimulator.ArenaSettings(endpoint), .. settings]);
        await using var _ = arena;
        var direct = new ChatClient(BenchSimulator.Models[0], new ApiKeyCredential("none"), new OpenAIClientOptions { Endpoint = endpoint });
        using var user = NewUser(arena.Address);

        for (var i = 0; i < 5; i++)
        {
            await DirectAsync(direct, tap, -i);
            await ArenaAsync(user, tap, -i);
        }

        // What an idle Arena.Web costs (timers, the cluster membership and the dashboard run whether or not a battle does).
        await Task.Delay(TimeSpan.FromSeconds(2));
        var idleFrom = arena.CpuTime;
        var idleClock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(10));
        var idleShare = (arena.CpuTime - idleFrom) / idleClock.Elapsed;

        var directRuns = new List<Run>();
        var arenaRuns = new List<Run>();
        var firstVisits = new List<Run>();
        for (var i = 0; i < runs; i++)
        {
            directRuns.Add(await DirectAsync(direct, tap, i));
            arenaRuns.Add(await ArenaAsync(user, tap, i));
            if (i % 4 == 0)
            {
                using var visitor = NewUser(arena.Address);
                firstVisits.Add(await ArenaAsync(visitor, tap, i));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"latency: {runs} runs each, alternating; VllmSim TTFT 100 ms, 12 ms/token, {BenchSimulator.AnswerTokens}-token answers, no jitter; {Environment.ProcessorCount} cores; settings: {(settings.Length == 0 ? "defaults" : string.Join(' ', settings))}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Arena.Web idle: {idleShare * 100:F1}% of one core"));
        Print("direct SDK call", directRuns);
        Print("Arena battle (side A)", arenaRuns);
        Print("Arena, first visit", firstVisits);
        double P(IEnumerable<Run> r, Func<Run, double> f, double p) => Summary.Percentile(r.Select(f), p);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"TTFT added by the stack: p50 {P(arenaRuns, r => r.FirstMs, 0.5) - P(directRuns, r => r.FirstMs, 0.5):F2} ms, p99 {P(arenaRuns, r => r.FirstMs, 0.99) - P(directRuns, r => r.FirstMs, 0.99):F2} ms   (goal ≤ 2 ms, ≤ 10 ms)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"token rate through the stack as a share of direct: p50 {P(arenaRuns, r => r.TokensPerSecond, 0.5) / P(directRuns, r => r.TokensPerSecond, 0.5):F3}   (goal ≥ 0.99)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"where the added time goes (wire timestamps at a relay in front of VllmSim; both clients pass it): request path, start → model request on the wire, p50 {P(arenaRuns, r => r.RequestMs, 0.5):F2} ms (direct {P(directRuns, r => r.RequestMs, 0.5):F2}), p99 {P(arenaRuns, r => r.RequestMs, 0.99):F2} ms (direct {P(directRuns, r => r.RequestMs, 0.99):F2}); token path, first text on the wire → first token at the client, p50 {P(arenaRuns, r => r.TokenPathMs, 0.5):F2} ms (direct {P(directRuns, r => r.TokenPathMs, 0.5):F2}), p99 {P(arenaRuns, r => r.TokenPathMs, 0.99):F2} ms (direct {P(directRuns, r => r.TokenPathMs, 0.99):F2})"));
    }

    private static void Print(string name, List<Run> runs) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {name,-24} TTFT p50 {Summary.Percentile(runs.Select(r => r.FirstMs), 0.5),8:F2} ms  p99 {Summary.Percentile(runs.Select(r => r.FirstMs), 0.99),8:F2} ms  tokens {Summary.Percentile(runs.Select(r => (double)r.Tokens), 0.5),4:F0}  tokens/s p50 {Summary.Percentile(runs.Select(r => r.TokensPerSecond), 0.5),6:F1}"));

    private static async Task<Run> DirectAsync(ChatClient client, WireTap tap, int n)
    {
        var since = Stopwatch.GetTimestamp();
        var clock = Stopwatch.StartNew();
        double? first = null;
        double last = 0;
        var tokens = 0;
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage(Prompt(n))]))
        {
            if (update.ContentUpdate.Count > 0 && update.ContentUpdate[0].Text.Length > 0)
            {
                first ??= clock.Elapsed.TotalMilliseconds;
                last = clock.Elapsed.TotalMilliseconds;
                tokens++;
            }
        }

        return Timed(new Run(first ?? last, Rate(tokens, first ?? last, last), tokens), tap, since);
    }

    /// <summary>The run with its request and token paths, from the relay's timestamps of the exchanges it started.</summary>
    private static Run Timed(Run run, WireTap tap, long since)
    {
        var exchanges = tap.ExchangesSince(since);
        var texts = exchanges.Where(e => e.FirstText != 0).Select(e => e.FirstText).ToArray();
        if (exchanges.Count == 0 || texts.Length == 0)
        {
            return run with { RequestMs = double.NaN, TokenPathMs = double.NaN };
        }

        return run with
        {
            RequestMs = WireTap.Ms(since, exchanges.Min(e => e.Request)),
            TokenPathMs = run.FirstMs - WireTap.Ms(since, texts.Min()),
        };
    }

    /// <summary>One battle: the first token of either side, and side A's last token (its token count from the stored battle).</summary>
    private static async Task<Run> ArenaAsync(HttpClient http, WireTap tap, int n)
    {
        var since = Stopwatch.GetTimestamp();
        var clock = Stopwatch.StartNew();
        using var start = await http.PostAsJsonAsync("/api/battles", new { prompt = Prompt(n) });
        start.EnsureSuccessStatusCode();
        var started = await start.Content.ReadFromJsonAsync<JsonElement>();
        double? first = null;
        double? firstA = null;
        double lastA = 0;
        await using (var stream = await http.GetStreamAsync(started.GetProperty("events").GetString()))
        {
            await foreach (var item in SseParser.Create(stream).EnumerateAsync())
            {
                if (item.EventType == "token")
                {
                    first ??= clock.Elapsed.TotalMilliseconds;
                    if (item.Data.Contains("\"side\":\"a\"", StringComparison.Ordinal))
                    {
                        firstA ??= clock.Elapsed.TotalMilliseconds;
                        lastA = clock.Elapsed.TotalMilliseconds;
                    }
                }
                else if (item.EventType == "battle_done")
                {
                    break;
                }
            }
        }

        var battle = await http.GetFromJsonAsync<JsonElement>($"/api/battles/{started.GetProperty("battle_id").GetString()}");
        var tokens = OutputTokens(battle);
        return Timed(new Run(first ?? lastA, Rate(tokens, firstA ?? lastA, lastA), tokens), tap, since);
    }

    private static HttpClient NewUser(Uri address) =>
        new(new SocketsHttpHandler { CookieContainer = new CookieContainer() }) { BaseAddress = address };

    private static int OutputTokens(JsonElement battle)
    {
        var turn = battle.GetProperty("turns").EnumerateArray().Last();
        return turn.GetProperty("a").TryGetProperty("output_tokens", out var t) ? t.GetInt32() : 0;
    }

    private static string Prompt(int n) => $"Tell me a story about the sea, please ({n.ToString(CultureInfo.InvariantCulture)}).";

    /// <summary>Tokens a second between the first token and the last.</summary>
    private static double Rate(int tokens, double firstMs, double lastMs) =>
        tokens > 1 && lastMs > firstMs ? (tokens - 1) / ((lastMs - firstMs) / 1000.0) : 0;

    private sealed record Run(double FirstMs, double TokensPerSecond, int Tokens)
    {
        public double RequestMs { get; init; }

        public double TokenPathMs { get; init; }
    }
}
