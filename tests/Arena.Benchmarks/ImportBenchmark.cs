using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Arena.Battles;
using Arena.Ratings;
using Arena.Ratings.Ledger;
using Microsoft.Data.Sqlite;

namespace Arena.Benchmarks;

/// <summary>
/// Imports seeded battles over 100 models through <c>POST /api/admin/battles/import</c> into a fresh Arena.Web
/// process while votes are cast through HTTP at a steady pace (their latency printed beside the same votes with no
/// import, and every row counted from the database afterwards), recomputes the leaderboard (<c>POST /api/admin/leaderboard/recompute</c>) and rebuilds every rating from
/// the stored ledger (<c>POST /api/admin/leaderboard/rebuild</c>); then times the
/// baseline that recomputes from the raw battle list: build the counts by scanning every battle, fit
/// Bradley–Terry, and bootstrap 100 rounds by resampling battles (O(votes) per round), as FastChat's notebook does.
/// </summary>
public static class ImportBenchmark
{
    private const string AdminKey = "benchmark-admin-key";
    private const int BootstrapRounds = 100;
    private const int QuietVotes = 100;
    private const int VotesDuringImport = 600;

    public static async Task RunAsync(int battles, int models, string[] settings)
    {
        var (a, b, outcome) = Generate(battles, models, seed: 2024);
        var names = Enumerable.Range(0, models).Select(i => $"model-{i.ToString("D3", CultureInfo.InvariantCulture)}").ToArray();
        var file = Path.Combine(Path.GetTempPath(), $"arena-import-{Guid.NewGuid():N}.csv");
        try
        {
            await WriteCsvAsync(file, names, a, b, outcome);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Import: {battles:N0} battles over {models} models, CSV {new FileInfo(file).Length / 1e6:F1} MB, {Environment.ProcessorCount} cores"));
            await TimeArenaAsync(file, settings);
        }
        finally
        {
            File.Delete(file);
        }

        TimeBaseline(names, a, b, outcome);
    }

    private static async Task TimeArenaAsync(string file, string[] settings)
    {
        // A long recompute delay, so that the timed recompute is the only one.
        // Fast simulated answers: the battles voted on are prepared before the clock starts.
        var (arena, startup) = await ArenaProcess.StartAsync(
            [$"--ARENA_ADMIN_KEY={AdminKey}", "--Arena:Ratings:RecomputeDelay=01:00:00", "--Arena:Simulator:TimeScale=0.01", "--Arena:Integrity:Enabled=false", .. settings]);
        await using var _ = arena;
        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = arena.Address, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Add("X-Admin-Key", AdminKey);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Arena.Web started in {startup.TotalSeconds:F1} s"));

        // Votes through the whole system (HTTP, battle grain, outbox, leaderboard, ledger), with no import and then
        // at the same pace while the import runs.
        var voters = new ImportVoters(http);
        await voters.PrepareAsync(QuietVotes + VotesDuringImport);
        await arena.SettleAsync(TimeSpan.FromSeconds(60)); // the classifier files the prepared battles after their starts
        var quiet = await voters.VoteAsync(QuietVotes);

        var clock = Stopwatch.StartNew();
        var import = ImportAsync(http, file);
        var during = await voters.VoteAsync(VotesDuringImport, until: import);
        var text = await import;
        var importTime = clock.Elapsed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  (a) import request        {importTime.TotalSeconds,8:F2} s   {text}"));
        Console.WriteLine("      " + ImportVoters.Describe("votes, no import", quiet));
        Console.WriteLine("      " + ImportVoters.Describe("votes started during the import", during));
        if (during.Count >= VotesDuringImport)
        {
            Console.WriteLine("      (the prepared battles ran out before the import finished)");
        }

        // Counted from the database, not from the answers.
        var (imported, votes, pending) = await CountAsync(arena.DatabasePath);
        var expectedVotes = quiet.Count + during.Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"      ledger: {imported:N0} imported rows, {votes} vote rows ({voters.Acknowledged} votes acknowledged of {expectedVotes} cast), {pending} pending import ranges: {(imported == Battles(file) && votes == expectedVotes && pending == 0 ? "none lost or doubled" : "MISMATCH")}"));

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

    private static async Task<string> ImportAsync(HttpClient http, string file)
    {
        await using var body = File.OpenRead(file);
        using var content = new StreamContent(body, 1 << 16);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var response = await http.PostAsync("/api/admin/battles/import", content);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? text : throw new InvalidOperationException($"The import answered {(int)response.StatusCode}: {text}");
    }

    private static long Battles(string file) => File.ReadLines(file).LongCount() - 1;

    private static async Task<(long Imported, long Votes, long Pending)> CountAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT COUNT(*) FROM arena_vote_ledger WHERE source = 'import'),
                   (SELECT COUNT(*) FROM arena_vote_ledger WHERE source = 'vote'),
                   (SELECT COUNT(*) FROM arena_vote_import_pending)
            """;
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
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
