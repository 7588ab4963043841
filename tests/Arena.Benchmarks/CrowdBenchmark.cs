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
        var (unloaded, crowd, took) = await CrowdAsync(users, checkText: false, settings);
        var admitted = crowd.Where(r => r.Admitted).ToList();
        var lastStart = admitted.Count == 0 ? double.NaN : admitted.Max(r => r.StartMs);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"starts: {users} users start a battle at once; {Environment.ProcessorCount} cores; settings: {Settings(settings)}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  admitted {admitted.Count}, refused {crowd.Count(r => r.Status == HttpStatusCode.ServiceUnavailable)}, other {crowd.Count(r => !r.Admitted && r.Status != HttpStatusCode.ServiceUnavailable)}; every answered battle done in {took.TotalSeconds:F1} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  battle starts per second: {admitted.Count / (lastStart / 1000.0):F0}/s (the last 201 came {lastStart:F0} ms after the crowd arrived)   (goal ≥ 500/s)"));
        Console.WriteLine(BattleClient.Describe("  start answered (201)", admitted.Select(r => r.StartMs)));
        Console.WriteLine(BattleClient.Describe("  first token, crowd", admitted.Select(r => r.FirstTokenMs)) + "   (goal p99 ≤ 1000 ms)");
        Console.WriteLine(BattleClient.Describe("  first token, unloaded", unloaded.Select(r => r.FirstTokenMs)));
    }

    public static async Task RunStretchAsync(int battles, string[] settings)
    {
        var (unloaded, crowd, took) = await CrowdAsync(battles, checkText: true, settings);
        var admitted = crowd.Where(r => r.Admitted).ToList();
        var pace = Summary.Percentile(unloaded.Select(r => r.TokensPerSecondA), 0.5);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"stretch: {battles} battles started at once, {BenchSimulator.AnswerTokens}-token answers at 12 ms a token; {Environment.ProcessorCount} cores; settings: {Settings(settings)}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  admitted {admitted.Count} of {battles}; all done in {took.TotalSeconds:F1} s; most answers streaming at one time: {PeakOverlap(admitted)}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  stream text equal to the stored answers: {admitted.Count(r => r.TextMatches == true)} of {admitted.Count}; side A's stored output tokens p50 {Summary.Percentile(admitted.Select(r => (double)r.TokensA), 0.5):F0}"));
        Console.WriteLine(BattleClient.Describe("  answer pace, crowd", admitted.Select(r => r.TokensPerSecondA), "tok/s"));
        Console.WriteLine(BattleClient.Describe("  answer pace, unloaded", unloaded.Select(r => r.TokensPerSecondA), "tok/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  crowd pace as a share of unloaded: p50 {Summary.Percentile(admitted.Select(r => r.TokensPerSecondA), 0.5) / pace:P1}, p10 {Summary.Percentile(admitted.Select(r => r.TokensPerSecondA), 0.1) / pace:P1}   (goal ≥ 90%)"));
        Console.WriteLine(BattleClient.Describe("  answer duration, crowd", admitted.Select(r => r.LastTokenAMs - r.FirstTokenAMs)));
        Console.WriteLine(BattleClient.Describe("  answer duration, unloaded", unloaded.Select(r => r.LastTokenAMs - r.FirstTokenAMs)));
    }

    /// <summary>Ten unloaded battles one after another, then <paramref name="users"/> at once, each a user of its own.</summary>
    private static async Task<(List<BattleRun> Unloaded, BattleRun[] Crowd, TimeSpan Took)> CrowdAsync(int users, bool checkText, string[] settings)
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

        var clients = Enumerable.Range(0, users).Select(_ => BattleClient.NewUser(arena.Address)).ToArray();
        try
        {
            var clock = Stopwatch.StartNew();
            var crowd = await Task.WhenAll(clients.Select((http, i) => Task.Run(() => BattleClient.RunAsync(http, Prompt(i + 100), clock, checkText))));
            return (unloaded, crowd, clock.Elapsed);
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
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
}
