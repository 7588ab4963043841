using System.Diagnostics;
using System.Globalization;
using Arena.Battles;
using Arena.Ratings;

namespace Arena.Benchmarks;

/// <summary>
/// Bradley–Terry fit plus a 100-round bootstrap for 100 models over all 4,950 pairs, at several vote
/// counts: the cost depends on models and pairs, not on votes. Besides the wall time, the process CPU
/// time of the fit + bootstrap (all workers together), which other load on the machine disturbs less.
/// </summary>
public static class BradleyTerryBenchmark
{
    public static void Run(int models, int repetitions)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Bradley–Terry: {models} models, {models * (models - 1) / 2} pairs, 100 bootstrap rounds, {Environment.ProcessorCount} cores, median of {repetitions}"));
        foreach (var votes in new long[] { 1_000, 100_000, 10_000_000 })
        {
            var counts = Generate(models, votes, seed: 2024);
            var options = new BradleyTerryOptions();
            _ = BradleyTerry.Compute(counts, options); // JIT and caches.

            var fit = new List<double>();
            var full = new List<double>();
            var cpu = new List<double>();
            using var process = Process.GetCurrentProcess();
            LeaderboardRatings? last = null;
            for (var r = 0; r < repetitions; r++)
            {
                var stopwatch = Stopwatch.StartNew();
                _ = BradleyTerry.Fit(counts, options);
                fit.Add(stopwatch.Elapsed.TotalMilliseconds);
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                stopwatch.Restart();
                last = BradleyTerry.Compute(counts, options);
                full.Add(stopwatch.Elapsed.TotalMilliseconds);
                process.Refresh();
                cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
            }

            var meanWidth = last!.Models.Average(m => m.Upper - m.Lower);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {votes,12:N0} votes, {counts.Pairs.Count(p => p.Total > 0),5} pairs with votes: fit {Median(fit),8:F2} ms  fit + bootstrap {Median(full),8:F2} ms (CPU {Median(cpu),7:F1} ms)  (fit {last.Iterations} steps, regularized {last.Regularized}, mean 95% width {meanWidth:F1})"));
        }
    }

    /// <summary>Ratings ~ N(1500, 150); pair totals multinomial over random weights; 20% ties; the rest by Bradley–Terry.</summary>
    private static PairwiseCounts Generate(int models, long votes, int seed)
    {
        var random = new Random(seed);
        var strength = new double[models];
        for (var i = 0; i < models; i++)
        {
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            strength[i] = Math.Pow(10, 150 * normal / 400);
        }

        var pairs = models * (models - 1) / 2;
        var weights = Enumerable.Range(0, pairs).Select(_ => (long)random.Next(1, 1000)).ToArray();
        var totals = new long[pairs];
        Binomial.SampleMultinomial(random, votes, weights, totals);

        var counts = new PairwiseCounts();
        for (var i = 0; i < models; i++)
        {
            counts.GetOrAddModel($"model-{i:D3}");
        }

        var k = 0;
        for (var i = 0; i < models; i++)
        {
            for (var j = i + 1; j < models; j++, k++)
            {
                var ties = Binomial.Sample(random, totals[k], 0.2);
                var winsI = Binomial.Sample(random, totals[k] - ties, strength[i] / (strength[i] + strength[j]));
                var (a, b) = (counts.Models[i], counts.Models[j]);
                counts.Add(a, b, BattleOutcome.A, winsI);
                counts.Add(a, b, BattleOutcome.B, totals[k] - ties - winsI);
                counts.Add(a, b, BattleOutcome.Tie, ties);
            }
        }

        return counts;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
