using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
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
    private static readonly TimeSpan ScriptBound = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task ClusterScript_TwoWebSilosBehindNginx_ServeBattlesAndVotes_ThenStopEndsEveryProcess()
    {
        using var cluster = new LocalCluster(output);
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
        Assert.DoesNotContain(started, Alive);
    }

    [GeneratedRegex(@"probe=u(?<user>\d+)r\d+")]
    private static partial Regex ProbeUser();

    /// <summary>True while the process runs (a zombie, ended but not yet reaped by its parent, does not count).</summary>
    private static bool Alive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>A cluster.sh cluster in a folder of its own, on a block of free-looking loopback ports.</summary>
    private sealed partial class LocalCluster(ITestOutputHelper output) : IDisposable
    {
        private readonly string _directory = Path.Combine(Path.GetTempPath(), "arena-cluster-" + Guid.NewGuid().ToString("N")[..8]);
        private readonly int _ports = 20_000 + (Random.Shared.Next(0, 400) * 100);

        public Uri Nginx => new($"http://127.0.0.1:{_ports.ToString(CultureInfo.InvariantCulture)}");

        public int[] WebPorts => [_ports + 11, _ports + 12];

        public async Task StartAsync()
        {
            var (code, text) = await RunAsync("start");
            output.WriteLine(text);
            if (code != 0)
            {
                throw new InvalidOperationException($"cluster.sh start exited with {code}:{Environment.NewLine}{text}{Environment.NewLine}{Logs()}");
            }
        }

        public async Task StopAsync()
        {
            var (code, text) = await RunAsync("stop");
            output.WriteLine(text);
            Assert.True(code == 0, text);
        }

        /// <summary>The web silo (host:port) that answered, by the request line and time, from nginx's access log.</summary>
        public Dictionary<string, string> UpstreamsByRequest()
        {
            var served = new Dictionary<string, string>();
            foreach (var line in File.ReadLines(Path.Combine(_directory, "nginx", "access.log")))
            {
                var match = AccessLine().Match(line);
                if (match.Success && match.Groups["path"].Value.StartsWith("/api/", StringComparison.Ordinal))
                {
                    served[match.Groups["time"].Value + " " + match.Groups["path"].Value] = match.Groups["upstream"].Value;
                }
            }

            return served;
        }

        /// <summary>The pids of every process cluster.sh started, nginx's and PostgreSQL's main processes included.</summary>
        public List<int> Pids()
        {
            var files = Directory.EnumerateFiles(Path.Combine(_directory, "pids"))
                .Append(Path.Combine(_directory, "nginx", "nginx.pid"))
                .Append(Path.Combine(_directory, "pg", "data", "postmaster.pid"))
                .Where(File.Exists);
            return [.. files.Select(f => int.Parse(File.ReadLines(f).First().Trim(), CultureInfo.InvariantCulture))];
        }

        private async Task<(int Code, string Text)> RunAsync(string command)
        {
            var script = Path.Combine(BuildOutputs.RepositoryRoot(), "Arena.Web", "deploy", "cluster.sh");
            var start = new ProcessStartInfo("bash", [script, command])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                Environment =
                {
                    ["ARENA_CLUSTER_DIR"] = _directory,
                    ["ARENA_CLUSTER_PORTS"] = _ports.ToString(CultureInfo.InvariantCulture),
                    ["ARENA_BUILD"] = BuildOutputs.Configuration,
                    ["ARENA_VLLMSIM_ARGS"] = "--time-scale 0.01 --VllmSim:Models:0:MaxTokens=40 --VllmSim:Models:1:MaxTokens=40",
                },
            };
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var bound = new CancellationTokenSource(ScriptBound);
            try
            {
                await process.WaitForExitAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"cluster.sh {command} did not finish within {ScriptBound}.{Environment.NewLine}{Logs()}");
            }

            return (process.ExitCode, await stdout + await stderr);
        }

        private string Logs()
        {
            var logs = Path.Combine(_directory, "logs");
            return Directory.Exists(logs)
                ? string.Join(Environment.NewLine, Directory.EnumerateFiles(logs).Select(f => $"--- {Path.GetFileName(f)}{Environment.NewLine}{Tail(f)}"))
                : "(no logs)";
        }

        private static string Tail(string file) => string.Join(Environment.NewLine, File.ReadLines(file).TakeLast(30));

        public void Dispose()
        {
            foreach (var pid in Pids().Where(Alive))
            {
                try
                {
                    Process.GetProcessById(pid).Kill(entireProcessTree: true);
                }
                catch (ArgumentException)
                {
                    // Gone meanwhile.
                }
            }

            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // PostgreSQL's files may belong to another user; the temp folder is cleaned by the machine.
            }
        }

        [GeneratedRegex("""\[(?<time>[^\]]+)\] "(?<method>\S+) (?<path>\S+) [^"]*" (?<status>\d+) (?<upstream>\S+)""")]
        private static partial Regex AccessLine();
    }
}
