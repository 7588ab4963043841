using Arena.Tests.Shared;
using Xunit.Abstractions;

namespace Arena.Cluster.Tests.Processes;

/// <summary>
/// The fault drill's CI version (the benchmark <c>fault-drill</c> runs it with 200 users): on the cluster as
/// <c>cluster.sh</c> runs it, users battle and vote through nginx while a web silo is killed, PostgreSQL restarts, a
/// model server is frozen and thawed, and a GPU silo is killed. No acknowledged vote is lost or counted twice, no event
/// stream stays open, no battle fails that no fault reached, and the cluster serves new battles again after each fault.
/// </summary>
public sealed class FaultDrillTests(ITestOutputHelper output)
{
    [Fact]
    public async Task FaultDrill_UnderLoadThroughNginx_LosesNoVote_CountsNoneTwice_HangsNoStream_FailsNoBattleOnASurvivor()
    {
        using var cluster = new LocalCluster(output.WriteLine, timeScale: 0.05, maxTokens: 40, FaultDrill.Settings);
        await cluster.StartAsync();
        FaultDrillReport report;
        try
        {
            var drill = new FaultDrill(cluster, users: 12, settle: TimeSpan.FromSeconds(4), freeze: TimeSpan.FromSeconds(5), streamBound: TimeSpan.FromSeconds(60), output.WriteLine);
            report = await drill.RunAsync();
        }
        finally
        {
            await cluster.StopAsync();
        }

        var figures = string.Join(Environment.NewLine, report.Lines());
        output.WriteLine(figures);
        var failed = string.Join(Environment.NewLine, report.Battles.Where(b => b.Failed).Select(b => b.Describe()));
        Assert.True(report.Acknowledged > 0, figures);
        Assert.True(report.Lost == 0 && report.OutboxLeft == 0, figures);
        Assert.True(report.Double == 0 && report.LeaderboardVotes == report.LedgerCounted, figures);
        Assert.True(report.Hung == 0, figures + Environment.NewLine + failed);
        Assert.True(report.FailedOnSurvivors.Count == 0, figures + Environment.NewLine + string.Join(Environment.NewLine, report.FailedOnSurvivors.Select(b => b.Describe())));
        Assert.All(report.Faults, f => Assert.True(f.ServingAgainAt is not null, f.Describe()));
    }
}
