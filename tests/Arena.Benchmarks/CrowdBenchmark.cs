using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Arena.Benchmarks;

/// <summary>
/// Many users arriving at once against the fixed-latency VllmSim (<see cref="BenchSimulator"/>), beside unloaded battles
/// from the same run. <c>starts</c> prints battle starts a second and the crowd's first tokens; <c>stretch</c> prints how
/// many answers streamed at once, their pace as a share of the unloaded pace, and whether any token was lost or doubled
/// (each side's text on the stream against the stored battle).
/// </summary>
public static class CrowdBenchmark
{
    public static async Task RunStartsAsync(int users, string[] settings)
    {
        var run = await CrowdAsync(users, checkText: false, settings);
        var admitted = run.Crowd.Where(r => r.Admitted).ToList();
        var lastStart = admitted.Count == 0 ? double.NaN : admitted.Max(r => r.StartMs);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"starts: {users} users start a battle at once; {Environment.ProcessorCount} cores; settings: {Settings(settings)}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  admitted {admitted.Count}, refused {run.Crowd.Count(r => r.Status == HttpStatusCode.ServiceUnavailable)}, other {run.Crowd.Count(r => !r.Admitted && r.Status != HttpStatusCode.ServiceUnavailable)}; every answered battle done in {run.Took.TotalSeconds:F1} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  battle starts per second: {admitted.Count / (lastStart / 1000.0):F0}/s (the last 201 came {lastStart:F0} ms after the crowd arrived)   (goal ≥ 500/s)"));
        Console.WriteLine(BattleClient.Describe("  start answered (201)", admitted.Select(r => r.StartMs)));
        Console.WriteLine(BattleClient.Describe("  first token, crowd", admitted.Select(r => r.FirstTokenMs)) + "   (goal p99 ≤ 1000 ms)");
        Console.WriteLine(BattleClient.Describe("  first token, direct crowd", run.Direct.Select(r => r.FirstTokenMs)) + "   (the same users straight to the model server)");
        Console.WriteLine(BattleClient.Describe("  first token, unloaded", run.Unloaded.Select(r => r.FirstTokenMs)));
        run.PrintCpu();
    }

    public static async Task RunStretchAsync(int battles, string[] settings)
    {
        var run = await CrowdAsync(battles, checkText: true, settings);
        var admitted = run.Crowd.Where(r => r.Admitted).ToList();
        var pace = Summary.Percentile(run.Unloaded.Select(r => r.TokensPerSecondA), 0.5);
        double Share(IEnumerable<BattleRun> runs, double p) => Summary.Percentile(runs.Select(r => r.TokensPerSecondA), p) / pace;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"stretch: {battles} battles started at once, {BenchSimulator.AnswerTokens}-token answers at 12 ms a token; {Environment.ProcessorCount} cores; settings: {Settings(settings)}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  admitted {admitted.Count} of {battles}; all done in {run.Took.TotalSeconds:F1} s; most answers streaming at one time: {PeakOverlap(admitted)} (direct crowd: {PeakOverlap(run.Direct)}, done in {run.DirectTook.TotalSeconds:F1} s)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  stream text equal to the stored answers: {admitted.Count(r => r.TextMatches == true)} of {admitted.Count}; side A's stored output tokens p50 {Summary.Percentile(admitted.Select(r => (double)r.TokensA), 0.5):F0}"));
        Console.WriteLine(BattleClient.Describe("  answer pace, crowd", admitted.Select(r => r.TokensPerSecondA), "tok/s"));
        Console.WriteLine(BattleClient.Describe("  answer pace, direct crowd", run.Direct.Select(r => r.TokensPerSecondA), "tok/s"));
        Console.WriteLine(BattleClient.Describe("  answer pace, unloaded", run.Unloaded.Select(r => r.TokensPerSecondA), "tok/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  crowd pace as a share of unloaded: p50 {Share(admitted, 0.5):P1}, p10 {Share(admitted, 0.1):P1}   (goal ≥ 90%)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  direct crowd pace as a share of unloaded: p50 {Share(run.Direct, 0.5):P1}, p10 {Share(run.Direct, 0.1):P1}   (what the model server and the clients alone leave on this machine)"));
        Console.WriteLine(BattleClient.Describe("  answer duration, crowd", admitted.Select(r => r.LastTokenAMs - r.FirstTokenAMs)));
        Console.WriteLine(BattleClient.Describe("  answer duration, unloaded", run.Unloaded.Select(r => r.LastTokenAMs - r.FirstTokenAMs)));
        run.PrintCpu();
    }

    /// <summary>
    /// Ten unloaded battles one after another; then the direct crowd, <paramref name="users"/> users each streaming both
    /// models from the model server at once; then the same number through Arena, each a user of its own.
    /// </summary>
    private static async Task<CrowdRun> CrowdAsync(int users, bool checkText, string[] settings)
    {
        await using var simulator = await BenchSimulator.StartAsync();
        var (arena, _) = await ArenaProcess.StartAsync([.. BenchSimulator.ArenaSettings(simulator), .. settings]);
        await using var _ = arena;
        var unloaded = new List<BattleRun>();
        for (var i = -3; i < 10; i++)
        {
            using var http = BattleClient.NewUser(arena.Address);
            var run = await BattleClient.RunAsync(http, Prompt(i), Stopwatch.StartNew(), checkText);
            if (i >= 0)
            {
                unloaded.Add(run);
            }
        }

        var direct = await WithCpuAsync(arena, () => AtOnceAsync(users, simulator.BaseAddress, (http, i, clock) =>
            DirectCrowd.RunAsync(http, simulator.OpenAIEndpoint, Prompt(i + 100), clock)));
        await Task.Delay(TimeSpan.FromSeconds(2));
        var crowd = await WithCpuAsync(arena, () => AtOnceAsync(users, arena.Address, (http, i, clock) =>
            BattleClient.RunAsync(http, Prompt(i + 100), clock, checkText)));
        return new CrowdRun(unloaded, direct.Runs, direct.Took, direct.Cpu, crowd.Runs, crowd.Took, crowd.Cpu);
    }

    /// <summary>Every user at once, each with a client of its own; the runs and the time until the last one ended.</summary>
    private static async Task<(BattleRun[] Runs, TimeSpan Took)> AtOnceAsync(int users, Uri address, Func<HttpClient, int, Stopwatch, Task<BattleRun>> run)
    {
        var clients = Enumerable.Range(0, users).Select(_ => BattleClient.NewUser(address)).ToArray();
        try
        {
            var clock = Stopwatch.StartNew();
            var runs = await Task.WhenAll(clients.Select((http, i) => Task.Run(() => run(http, i, clock))));
            return (runs, clock.Elapsed);
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>The CPU that Arena.Web and this process (the model server and the clients) spent during <paramref name="phase"/>.</summary>
    private static async Task<(BattleRun[] Runs, TimeSpan Took, ProcessCpu Cpu)> WithCpuAsync(ArenaProcess arena, Func<Task<(BattleRun[] Runs, TimeSpan Took)>> phase)
    {
        var arenaFrom = arena.CpuTime;
        var selfFrom = Process.GetCurrentProcess().TotalProcessorTime;
        var (runs, took) = await phase();
        return (runs, took, new ProcessCpu(arena.CpuTime - arenaFrom, Process.GetCurrentProcess().TotalProcessorTime - selfFrom, took));
    }

    /// <summary>The most side-A answers between their first and last token at any one moment.</summary>
    private static int PeakOverlap(IEnumerable<BattleRun> runs)
    {
        var edges = runs.SelectMany(r => new[] { (r.FirstTokenAMs, 1), (r.LastTokenAMs, -1) }).OrderBy(e => e.Item1).ThenBy(e => e.Item2);
        int now = 0, peak = 0;
        foreach (var (_, change) in edges)
        {
            now += change;
            peak = Math.Max(peak, now);
        }

        return peak;
    }

    private static string Prompt(int n) => $"Tell me a story about the sea, please ({n.ToString(CultureInfo.InvariantCulture)}).";

    private static string Settings(string[] settings) => settings.Length == 0 ? "defaults" : string.Join(' ', settings);

    /// <summary>Core-seconds spent by Arena.Web and by this process (model server and clients) over a phase of <c>Took</c>.</summary>
    private sealed record ProcessCpu(TimeSpan Arena, TimeSpan ServerAndClients, TimeSpan Took)
    {
        public string Describe(int answers) => string.Create(CultureInfo.InvariantCulture,
            $"Arena.Web {Arena.TotalSeconds:F1} core-s ({Arena.TotalMicroseconds / (answers * (double)BenchSimulator.AnswerTokens):F0} µs a token), model server + clients {ServerAndClients.TotalSeconds:F1} core-s ({ServerAndClients.TotalMicroseconds / (answers * (double)BenchSimulator.AnswerTokens):F0} µs a token), over {Took.TotalSeconds:F1} s of {Environment.ProcessorCount} cores");
    }

    private sealed record CrowdRun(
        List<BattleRun> Unloaded, BattleRun[] Direct, TimeSpan DirectTook, ProcessCpu DirectCpu, BattleRun[] Crowd, TimeSpan Took, ProcessCpu CrowdCpu)
    {
        public void PrintCpu()
        {
            var answers = 2 * Crowd.Count(r => r.Admitted);
            Console.WriteLine("  CPU, crowd through Arena: " + CrowdCpu.Describe(answers));
            Console.WriteLine("  CPU, direct crowd:        " + DirectCpu.Describe(2 * Direct.Length));
        }
    }
}
