using Arena.Tests.Shared;

namespace Arena.Benchmarks;

/// <summary>
/// The fault drill on the whole cluster as <c>Arena.Web/deploy/cluster.sh</c> runs it (PostgreSQL, two GPU silos with
/// their VllmSims, two web silos, nginx): <paramref name="users"/> battle and vote through nginx while a web silo is
/// killed, PostgreSQL restarts, a model server freezes and thaws, and a GPU silo is killed. Prints each fault's time
/// until new battles are served again, then the last line the issue asks for.
/// </summary>
public static class FaultDrillBenchmark
{
    public static async Task RunAsync(int users)
    {
        // Answers of 60 tokens at a quarter of VllmSim's latencies: about 0.2 s a side, so a user battles many times a phase.
        using var cluster = new LocalCluster(Console.WriteLine, timeScale: 0.25, maxTokens: 60, FaultDrill.Settings);
        await cluster.StartAsync();
        try
        {
            var drill = new FaultDrill(cluster, users, settle: TimeSpan.FromSeconds(10), freeze: TimeSpan.FromSeconds(10), streamBound: TimeSpan.FromSeconds(60), Console.WriteLine);
            var report = await drill.RunAsync();
            foreach (var battle in report.FailedOnSurvivors.Take(10))
            {
                Console.WriteLine("failed on a survivor: " + battle.Describe());
            }

            foreach (var battle in report.Battles.Where(b => b.Hung || b.SideErrors.Count > 0 || b.Reconnects > 2).Take(20))
            {
                Console.WriteLine("  " + battle.Describe());
            }

            foreach (var line in report.Lines())
            {
                Console.WriteLine(line);
            }
        }
        finally
        {
            await cluster.StopAsync();
        }
    }
}
