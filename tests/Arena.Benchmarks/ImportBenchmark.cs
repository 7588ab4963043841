using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Arena.Battles;
using Arena.Ratings;
using Arena.Ratings.Ledger;

namespace Arena.Benchmarks;

/// <summary>
/// Imports seeded battles over 100 models through <c>POST /api/admin/battles/import</c> into a fresh Arena.Web
/// process, recomputes the leaderboard (<c>POST /api/admin/leaderboard/recompute</c>) and rebuilds every rating from
/// the stored ledger (<c>POST /api/admin/leaderboard/rebuild</c>); then times the
/// baseline that recomputes from the raw battle list: build the counts by scanning every battle, fit
/// Bradley–Terry, and bootstrap 100 rounds by resampling battles (O(votes) per round), as FastChat's notebook does.
/// </summary>
public static class ImportBenchmark
{
    private const string AdminKey = "benchmark-admin-key";
    private const int BootstrapRounds = 100;

    public static async Task RunAsync(int battles, int models)
    {
        var (a, b, outcome) = Generate(battles, models, seed: 2024);
        var names = Enumerable.Range(0, models).Select(i => $"model-{i.ToString("D3", CultureInfo.InvariantCulture)}").ToArray();
        var file = Path.Combine(Path.GetTempPath(), $"arena-import-{Guid.NewGuid():N}.csv");
        try
        {
            await WriteCsvAsync(file, names, a, b, outcome);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Import: {battles:N0} battles over {models} models, CSV {new FileInfo(file).Length / 1e6:F1} MB, {Environment.ProcessorCount} cores"));
            await TimeArenaAsync(file);
        }
        finally
        {
            File.Delete(file);
        }

        TimeBaseline(names, a, b, outcome);
    }

    private static async Task TimeArenaAsync(string file)
    {
        // A long recompute delay, so that the timed recompute is the only one.
        var (arena, startup) = await ArenaProcess.StartAsync($"--ARENA_ADMIN_KEY={AdminKey}", "--Arena:Ratings:RecomputeDelay=01:00:00");
        await using var _ = arena;
        using var http = new HttpClient { BaseAddress = arena.Address, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Add("X-Admin-Key", AdminKey);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Arena.Web started in {startup.TotalSeconds:F1} s"));

        var clock = Stopwatch.StartNew();
        await using (var body = File.OpenRead(file))
        {
            using var content = new StreamContent(body, 1 << 16);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            using var response = await http.PostAsync("/api/admin/battles/import", content);
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"The import answered {(int)response.StatusCode}: {text}");
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  (a) import request        {clock.Elapsed.TotalSeconds,8:F2} s   {text}"));
        }

        clock.Restart();
        using (var recompute = await http.PostAsync("/api/admin/leaderboard/recompute", null))
        {
            recompute.EnsureSuccessStatusCode();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  (b) recompute (BT + {BootstrapRounds} bootstrap from pair counts) {clock.Elapsed.TotalSeconds,8:F2} s"));

        clock.Restart();
        using (var rebuild = await http.PostAsync("/api/admin/leaderboard/rebuild", null))
        {
            var report = await rebuild.Content.ReadAsStringAsync();
            if (!rebuild.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"The rebuild answered {(int)rebuild.StatusCode}: {report}");
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  (c) rebuild from the stored ledger (read every row, Elo in order, pair counts, BT + {BootstrapRounds} bootstrap) {clock.Elapsed.TotalSeconds,8:F2} s   {report}"));
        }

        using var board = JsonDocument.Parse(await http.GetStringAsync("/api/leaderboard"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  leaderboard: {board.RootElement.GetProperty("total_votes").GetInt64():N0} counted votes, {board.RootElement.GetProperty("models").GetArrayLength()} models; server peak working set {arena.PeakWorkingSetBytes / 1e6:F0} MB"));
    }

    /// <summary>FastChat's way: every round rebuilds the counts from (a resample of) the raw battles.</summary>
    private static void TimeBaseline(string[] names, int[] a, int[] b, BattleOutcome[] outcome)
    {
        var options = new BradleyTerryOptions();
        var random = new Random(42);
        var clock = Stopwatch.StartNew();
        var scan = TimeSpan.Zero;
        BradleyTerryFit? fit = null;
        for (var round = 0; round <= BootstrapRounds; round++)
        {
            var start = clock.Elapsed;
            var counts = new PairwiseCounts();
            for (var n = 0; n < a.Length; n++)
            {
                var i = round == 0 ? n : random.Next(a.Length); // round 0 is the point estimate; the rest resample
                counts.Add(names[a[i]], names[b[i]], outcome[i]);
            }

            scan += clock.Elapsed - start;
            fit = BradleyTerry.Fit(counts, options);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  baseline: recompute from the raw battle list (scan {a.Length:N0} battles + BT fit, x{BootstrapRounds + 1}) {clock.Elapsed.TotalSeconds,8:F2} s (scanning {scan.TotalSeconds:F2} s; last fit {fit!.Iterations} MM steps)"));
    }

    private static async Task WriteCsvAsync(string path, string[] names, int[] a, int[] b, BattleOutcome[] outcome)
    {
        await using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false), 1 << 16);
        await writer.WriteAsync("model_a,model_b,winner,tstamp,anony,category\n");
        const long start = 1_700_000_000;
        for (var n = 0; n < a.Length; n++)
        {
            var category = n % 4 == 0 ? "coding" : "general";
            await writer.WriteAsync(string.Create(CultureInfo.InvariantCulture,
                $"{names[a[n]]},{names[b[n]]},{LedgerEntry.OutcomeName(outcome[n])},{start + n},true,{category}\n"));
        }
    }

    /// <summary>Elo strengths ~ N(0, 150); uniform random pairs; 10% ties and 5% both bad; the rest by Bradley–Terry.</summary>
    private static (int[] A, int[] B, BattleOutcome[] Outcome) Generate(int battles, int models, int seed)
    {
        var random = new Random(seed);
        var rating = new double[models];
        for (var i = 0; i < models; i++)
        {
            rating[i] = 150 * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        }

        var a = new int[battles];
        var b = new int[battles];
        var outcome = new BattleOutcome[battles];
        for (var n = 0; n < battles; n++)
        {
            a[n] = random.Next(models);
            b[n] = (a[n] + 1 + random.Next(models - 1)) % models;
            var u = random.NextDouble();
            outcome[n] = u < 0.10 ? BattleOutcome.Tie
                : u < 0.15 ? BattleOutcome.BothBad
                : random.NextDouble() < 1 / (1 + Math.Pow(10, (rating[b[n]] - rating[a[n]]) / 400)) ? BattleOutcome.A : BattleOutcome.B;
        }

        return (a, b, outcome);
    }
}
