using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Arena.Benchmarks;

/// <summary>
/// Many users arriving at once, each starting one battle, with each given cap on starts in flight
/// (<c>Arena:Capacity:StartsInFlight</c>; 0 is no cap) against the same battles one at a time. Prints, from the
/// wire: how many starts were admitted and refused (503), how fast a refusal came, the admitted battles' time to
/// first token, and their answers' pace beside the unloaded pace.
/// </summary>
public static class OverloadBenchmark
{
    public static async Task RunAsync(int users, IReadOnlyList<int> caps)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"overload: {users} users start a battle at once (one attempt each), {Environment.ProcessorCount} cores"));
        foreach (var cap in caps)
        {
            var (arena, _) = await ArenaProcess.StartAsync($"--Arena:Capacity:StartsInFlight={cap.ToString(CultureInfo.InvariantCulture)}");
            await using var _ = arena;
            await BattleAsync(arena.Address, "warm-up", CancellationToken.None);
            var unloaded = new List<BattleRun>();
            for (var i = 0; i < 5; i++)
            {
                unloaded.Add(await BattleAsync(arena.Address, $"unloaded {i.ToString(CultureInfo.InvariantCulture)}", CancellationToken.None));
            }

            var clock = Stopwatch.StartNew();
            var results = await Task.WhenAll(Enumerable.Range(0, users).Select(i => BattleAsync(arena.Address, i.ToString(CultureInfo.InvariantCulture), CancellationToken.None)));
            var took = clock.Elapsed;

            var admitted = results.Where(r => r.Status == HttpStatusCode.Created).ToList();
            var refused = results.Where(r => r.Status == HttpStatusCode.ServiceUnavailable).ToList();
            var other = results.Length - admitted.Count - refused.Count;
            var pace = Summary.Percentile(unloaded.Select(r => r.TokensPerSecondA), 0.5);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"cap {(cap == 0 ? "none" : cap.ToString(CultureInfo.InvariantCulture)),5}: admitted {admitted.Count}, refused 503 {refused.Count}, other {other}, in {took.TotalSeconds:F1} s"));
            if (refused.Count > 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  503 answered after  p50 {Summary.Percentile(refused.Select(r => r.StartMs), 0.5),7:F0} ms  p99 {Summary.Percentile(refused.Select(r => r.StartMs), 0.99),7:F0} ms"));
            }

            if (admitted.Count > 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  admitted, first token  p50 {Summary.Percentile(admitted.Select(r => r.FirstTokenMs), 0.5),7:F0} ms  p99 {Summary.Percentile(admitted.Select(r => r.FirstTokenMs), 0.99),7:F0} ms  (unloaded p50 {Summary.Percentile(unloaded.Select(r => r.FirstTokenMs), 0.5):F0} ms)"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  admitted, answer pace  p50 {Summary.Percentile(admitted.Select(r => r.TokensPerSecondA), 0.5),7:F1} tok/s  p10 {Summary.Percentile(admitted.Select(r => r.TokensPerSecondA), 0.1),7:F1} tok/s  = {Summary.Percentile(admitted.Select(r => r.TokensPerSecondA), 0.5) / pace:P0} of unloaded ({pace:F1} tok/s)"));
            }
        }
    }

    /// <summary>One user's battle, timed from just before its start.</summary>
    private static async Task<BattleRun> BattleAsync(Uri address, string n, CancellationToken cancellationToken)
    {
        using var http = BattleClient.NewUser(address);
        return await BattleClient.RunAsync(http, $"How do tides work? ({n})", Stopwatch.StartNew(), cancellationToken: cancellationToken);
    }
}
