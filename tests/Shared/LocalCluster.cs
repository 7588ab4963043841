using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Arena.Tests.Shared;

/// <summary>
/// A cluster as <c>Arena.Web/deploy/cluster.sh</c> runs it (PostgreSQL, two GPU silos with their VllmSims, two web silos,
/// nginx), in a folder of its own on a block of free-looking loopback ports, with fast simulated answers (answers of
/// <paramref name="maxTokens"/> tokens at <paramref name="timeScale"/> of VllmSim's latencies) and
/// <paramref name="settings"/> (NAME=value, as environment variables) for every Arena process.
/// </summary>
public sealed partial class LocalCluster(Action<string> log, double timeScale = 0.01, int maxTokens = 40, params string[] settings) : IDisposable
{
    private static readonly TimeSpan ScriptBound = TimeSpan.FromMinutes(4);

    private static readonly string Configuration =
        typeof(LocalCluster).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "arena-cluster-" + Guid.NewGuid().ToString("N")[..8]);
    /// <summary>The port offsets cluster.sh uses from its first port (its header lists them).</summary>
    private static readonly int[] Offsets = [0, 11, 12, 21, 22, 31, 32, 41, 42, 51, 52, 61, 62, 71, 72, 80];

    private static readonly HashSet<int> BlocksGiven = [];

    private readonly int _ports = TakeBlock();

    /// <summary>
    /// A block of 100 ports for one cluster, none of whose ports anyone listens on, not given to another cluster of this
    /// process. From 10000 to 19999: below both the ephemeral range (outgoing connections) and TestPorts'
    /// range (other tests' hosts, in this process or beside it), which took a web silo's port once.
    /// </summary>
    private static int TakeBlock()
    {
        while (true)
        {
            var block = 10_000 + (Random.Shared.Next(0, 100) * 100);
            lock (BlocksGiven)
            {
                if (!BlocksGiven.Contains(block) && Offsets.All(o => TestPorts.IsFree(block + o)))
                {
                    BlocksGiven.Add(block);
                    return block;
                }
            }
        }
    }

    /// <summary>nginx's address: the cluster's front door.</summary>
    public Uri Nginx => new($"http://127.0.0.1:{_ports.ToString(CultureInfo.InvariantCulture)}");

    public int[] WebPorts => [_ports + 11, _ports + 12];

    /// <summary>True while the process runs (a zombie, ended but not yet reaped by its parent, does not count).</summary>
    public static bool Alive(int pid)
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

    public async Task StartAsync()
    {
        var (code, text) = await RunAsync("start");
        log(text);
        if (code != 0)
        {
            throw new InvalidOperationException($"cluster.sh start exited with {code}:{Environment.NewLine}{text}{Environment.NewLine}{Logs()}");
        }
    }

    public async Task StopAsync()
    {
        var (code, text) = await RunAsync("stop");
        log(text);
        if (code != 0)
        {
            throw new InvalidOperationException($"cluster.sh stop exited with {code}:{Environment.NewLine}{text}");
        }
    }

    /// <summary>The web silo (host:port) that answered, by the request's time and path, from nginx's access log (the API's requests).</summary>
    public Dictionary<string, string> UpstreamsByRequest() => UpstreamsByRequest("/api/");

    /// <summary>The same for the requests whose path starts with <paramref name="prefix"/>, in the log's order.</summary>
    public Dictionary<string, string> UpstreamsByRequest(string prefix)
    {
        var served = new Dictionary<string, string>();
        foreach (var line in File.ReadLines(Path.Combine(_directory, "nginx", "access.log")))
        {
            var match = AccessLine().Match(line);
            if (match.Success && match.Groups["path"].Value.StartsWith(prefix, StringComparison.Ordinal))
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
        var script = Path.Combine(RepositoryRoot(), "Arena.Web", "deploy", "cluster.sh");
        var start = new ProcessStartInfo("bash", [script, command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ARENA_CLUSTER_DIR"] = _directory,
                ["ARENA_CLUSTER_PORTS"] = _ports.ToString(CultureInfo.InvariantCulture),
                ["ARENA_BUILD"] = Configuration,
                ["ARENA_VLLMSIM_ARGS"] = string.Create(
                    CultureInfo.InvariantCulture,
                    $"--time-scale {timeScale} --VllmSim:Models:0:MaxTokens={maxTokens} --VllmSim:Models:1:MaxTokens={maxTokens}"),
                ["ARENA_CLUSTER_ENV"] = string.Join(' ', settings),
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

    /// <summary>PostgreSQL's connection string for the test itself: its socket, where the superuser needs no password.</summary>
    public string DatabaseConnectionString =>
        $"Host={Path.Combine(_directory, "pg")};Port={(_ports + 80).ToString(CultureInfo.InvariantCulture)};Username=postgres;Database=arena;Pooling=false";

    /// <summary>Kills web silo <paramref name="n"/> (1 or 2) with SIGKILL.</summary>
    public void KillWeb(int n) => Process.GetProcessById(Pid($"arena-web-{n.ToString(CultureInfo.InvariantCulture)}")).Kill();

    /// <summary>Kills GPU node <paramref name="n"/>'s silo (1 or 2) with SIGKILL; its VllmSim keeps running.</summary>
    public void KillGpuSilo(int n) => Process.GetProcessById(Pid($"arena-silo-gpu-{n.ToString(CultureInfo.InvariantCulture)}")).Kill();

    /// <summary>Freezes GPU node <paramref name="n"/>'s VllmSim (SIGSTOP): its connections stay open and nothing answers.</summary>
    public void FreezeModelServer(int n) => Signal(Pid($"vllmsim-gpu-{n.ToString(CultureInfo.InvariantCulture)}"), "STOP");

    /// <summary>Thaws what <see cref="FreezeModelServer"/> froze (SIGCONT).</summary>
    public void ThawModelServer(int n) => Signal(Pid($"vllmsim-gpu-{n.ToString(CultureInfo.InvariantCulture)}"), "CONT");

    /// <summary>Restarts PostgreSQL (<c>cluster.sh restart-db</c>: a fast shutdown that disconnects every client).</summary>
    public async Task RestartDatabaseAsync()
    {
        var (code, text) = await RunAsync("restart-db");
        log(text);
        if (code != 0)
        {
            throw new InvalidOperationException($"cluster.sh restart-db exited with {code}:{Environment.NewLine}{text}");
        }
    }

    private int Pid(string name) =>
        int.Parse(File.ReadAllText(Path.Combine(_directory, "pids", name + ".pid")).Trim(), CultureInfo.InvariantCulture);

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {pid} exited with {kill.ExitCode}");
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Arena.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Arena.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex("""\[(?<time>[^\]]+)\] "(?<method>\S+) (?<path>\S+) [^"]*" (?<status>\d+) (?<upstream>\S+)""")]
    private static partial Regex AccessLine();
}
