using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;

namespace Arena.Benchmarks;

/// <summary>
/// Votes per second through <c>POST /api/battles/{id}/vote</c> on an Arena.Web process, each caller a user voting on its
/// own finished battles. Battles are prepared first (short answers from the fixed-latency VllmSim); then every caller
/// votes on all of its battles as fast as answers come. The votes are counted afterwards in the process's database,
/// and the figures set beside one caller voting alone in the same run.
/// </summary>
public static class VoteRequestBenchmark
{
    public static async Task RunAsync(int battles, int callers, string[] settings)
    {
        await using var simulator = await BenchSimulator.StartAsync(answerTokens: 4);
        var (arena, _) = await ArenaProcess.StartAsync([.. BenchSimulator.ArenaSettings(simulator, answerTokens: 4), .. settings]);
        await using var _ = arena;

        var prepare = Stopwatch.StartNew();
        var users = Enumerable.Range(0, callers + 1).Select(_ => BattleClient.NewUser(arena.Address)).ToArray();
        var perUser = Math.Max(1, battles / callers);
        var owned = await Task.WhenAll(users.Select(async (http, u) =>
        {
            var ids = new List<string>();
            for (var i = 0; i < perUser; i++)
            {
                var run = await BattleClient.RunAsync(http, $"Name a colour ({u.ToString(CultureInfo.InvariantCulture)}.{i.ToString(CultureInfo.InvariantCulture)}).", Stopwatch.StartNew());
                if (run.Admitted)
                {
                    ids.Add(run.BattleId!);
                }
            }

            return ids;
        }));
        var settled = await arena.SettleAsync(TimeSpan.FromSeconds(60)); // the classifier files the prepared battles after their starts
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"vote-requests: {owned.Sum(o => o.Count)} battles prepared in {prepare.Elapsed.TotalSeconds:F0} s, Arena.Web settled {settled.TotalSeconds:F0} s after; {Environment.ProcessorCount} cores; settings: {(settings.Length == 0 ? "defaults" : string.Join(' ', settings))}"));

        // One caller alone: the unloaded vote.
        var alone = new List<double>();
        foreach (var id in owned[callers].Take(50))
        {
            var clock = Stopwatch.StartNew();
            var status = await VoteAsync(users[callers], id);
            if (status is HttpStatusCode.OK)
            {
                alone.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        // The crowd votes a fifth of its battles untimed first, so that the timed votes run on code the JIT has finished
        // optimising (it was 16% of Arena.Web's CPU samples in a vote phase without this warm-up).
        var warmUp = owned.Take(callers).Select(ids => ids.Take(ids.Count / 5).ToList()).ToArray();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(u => Task.Run(async () =>
        {
            foreach (var id in warmUp[u])
            {
                await VoteAsync(users[u], id);
            }
        })));
        for (var u = 0; u < callers; u++)
        {
            owned[u] = owned[u].Skip(warmUp[u].Count).ToList();
        }

        var before = await LedgerRowsAsync(arena.DatabasePath);
        var latencies = new List<double>();
        var statuses = new Dictionary<HttpStatusCode, int>();
        var cpuBefore = arena.CpuTime;
        var all = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(u => Task.Run(async () =>
        {
            foreach (var id in owned[u])
            {
                var clock = Stopwatch.StartNew();
                var status = await VoteAsync(users[u], id);
                var ms = clock.Elapsed.TotalMilliseconds;
                lock (latencies)
                {
                    latencies.Add(ms);
                    statuses[status] = statuses.GetValueOrDefault(status) + 1;
                }
            }
        })));
        var elapsed = all.Elapsed;
        var cpu = arena.CpuTime - cpuBefore;

        var stored = await LedgerRowsAsync(arena.DatabasePath) - before;
        var acknowledged = statuses.GetValueOrDefault(HttpStatusCode.OK) + statuses.GetValueOrDefault(HttpStatusCode.Accepted);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {latencies.Count} votes from {callers} callers in {elapsed.TotalSeconds:F2} s: {acknowledged / elapsed.TotalSeconds:F0} acknowledged votes/s   (goal ≥ 5,000/s)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  Arena.Web CPU: {cpu.TotalMilliseconds * 1000 / Math.Max(1, latencies.Count):F0} µs per vote, {cpu.TotalSeconds / elapsed.TotalSeconds:F2} of {Environment.ProcessorCount} cores busy (load average {LoadAverage()})"));
        Console.WriteLine("  answers: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{(int)s.Key} × {s.Value}")));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  ledger rows added (counted in the database): {stored} for {acknowledged} acknowledged votes"));
        Console.WriteLine(BattleClient.Describe("  vote answered, crowd", latencies) + "   (goal p99 ≤ 50 ms)");
        Console.WriteLine(BattleClient.Describe("  vote answered, alone", alone));
        foreach (var user in users)
        {
            user.Dispose();
        }
    }

    /// <summary>The machine's one-minute load average (Linux), to read the figures by: other work shares the cores.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static async Task<HttpStatusCode> VoteAsync(HttpClient http, string id)
    {
        using var vote = await http.PostAsJsonAsync($"/api/battles/{id}/vote", new { winner = "tie" });
        return vote.StatusCode;
    }

    private static async Task<long> LedgerRowsAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM arena_vote_ledger";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
