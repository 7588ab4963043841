using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Arena.Tests.Shared;
using Xunit.Abstractions;

namespace Arena.Cluster.Tests.Processes;

/// <summary>
/// The cluster as <c>Arena.Web/deploy/cluster.sh</c> runs it for a newcomer: PostgreSQL, two GPU silos with their
/// VllmSims, two web silos and nginx in front, on loopback. Users who only know nginx's address start battles, stream
/// them and vote; nginx's own log shows that each user kept to one web silo and that both answered; <c>stop</c> leaves
/// nothing running.
/// </summary>
public sealed partial class NginxClusterTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ClusterScript_TwoWebSilosBehindNginx_ServeBattlesAndVotes_ThenStopEndsEveryProcess()
    {
        using var cluster = new LocalCluster(output.WriteLine);
        await cluster.StartAsync();
        var started = cluster.Pids();
        try
        {
            var users = Enumerable.Range(0, 16).Select(_ => new ArenaHttp(cluster.Nginx)).ToArray();
            try
            {
                var battles = await Task.WhenAll(users.Select((user, i) => user.RunBattleAsync($"Name a river in Europe, please ({i.ToString(CultureInfo.InvariantCulture)}).")));
                Assert.All(battles, b => Assert.True(b.Status == "ready_to_vote", b.Describe()));
                var votes = await Task.WhenAll(users.Zip(battles, (user, battle) => user.PostVoteAsync(battle.Id, "a")));
                Assert.All(votes, status => Assert.Equal(HttpStatusCode.OK, status));

                // Affinity: every later request of a user goes where its first went (marked so nginx's log tells them apart).
                for (var round = 0; round < 5; round++)
                {
                    await Task.WhenAll(users.Select((user, i) => user.GetTextAsync(new Uri(cluster.Nginx, $"/api/leaderboard?probe=u{i}r{round}"))));
                }
            }
            finally
            {
                foreach (var user in users)
                {
                    user.Dispose();
                }
            }

            // Each user kept to one silo, and the users' affinity keys spread them over both (all 16 on one: 2 in 65,536).
            var probes = cluster.UpstreamsByRequest()
                .Select(e => (Probe: ProbeUser().Match(e.Key), Upstream: e.Value))
                .Where(e => e.Probe.Success)
                .GroupBy(e => e.Probe.Groups["user"].Value, e => e.Upstream)
                .ToDictionary(g => g.Key, g => g.ToArray());
            Assert.Equal(users.Length, probes.Count);
            Assert.All(probes, p => Assert.True(p.Value.Length == 5 && p.Value.Distinct().Count() == 1, $"user {p.Key} was served by {string.Join(", ", p.Value)}"));
            Assert.Equal(cluster.WebPorts.Select(p => $"127.0.0.1:{p}").Order(), probes.Values.Select(v => v[0]).Distinct().Order());
        }
        finally
        {
            await cluster.StopAsync();
        }

        Assert.Equal(8, started.Count); // 2 VllmSims, 2 GPU silos, 2 web silos, nginx, PostgreSQL
        Assert.DoesNotContain(started, LocalCluster.Alive);
    }

    [GeneratedRegex(@"probe=u(?<user>\d+)r\d+")]
    private static partial Regex ProbeUser();
}
