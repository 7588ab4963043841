using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Arena.Benchmarks;

/// <summary>Arena.Web started as its own process in the embedded profile, on free ports and a temporary data directory.</summary>
public sealed class ArenaProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _data;

    private ArenaProcess(Process process, string data, Uri address)
    {
        _process = process;
        _data = data;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The process's SQLite database, for counting what it stored.</summary>
    public string DatabasePath => Path.Combine(_data, "arena.db");

    /// <summary>The CPU time the process has used so far (all cores): per unit of work, it is not inflated by other load on the machine.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>
    /// Waits until the process has settled: less than a tenth of a core over a second (work queued by an earlier phase,
    /// such as the classifier filing started battles, done), or <paramref name="atMost"/>; returns how long it waited.
    /// </summary>
    public async Task<TimeSpan> SettleAsync(TimeSpan atMost)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < atMost)
        {
            var from = CpuTime;
            await Task.Delay(TimeSpan.FromSeconds(1));
            if ((CpuTime - from).TotalSeconds < 0.1)
            {
                break;
            }
        }

        return clock.Elapsed;
    }

    /// <summary>The most memory the process has held so far.</summary>
    public long PeakWorkingSetBytes
    {
        get
        {
            _process.Refresh();
            return _process.PeakWorkingSet64;
        }
    }

    /// <summary>Starts Arena.Web and returns once <c>GET /</c> answers, with the time that took.</summary>
    public static async Task<(ArenaProcess Arena, TimeSpan Startup)> StartAsync(params string[] settings)
    {
        var root = RepositoryRoot();
        var dll = Directory.GetFiles(Path.Combine(root, "Arena.Web", "bin"), "Arena.Web.dll", SearchOption.AllDirectories)
            .OrderByDescending(File.GetLastWriteTimeUtc).First();
        var data = Directory.CreateTempSubdirectory("arena-bench-").FullName;
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
        {
            dll, "--urls", $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            $"--ConnectionStrings:arena=Data Source={Path.Combine(data, "arena.db")}",
            $"--Arena:Silo:SiloPort={FreePort().ToString(CultureInfo.InvariantCulture)}",
            $"--Arena:Silo:GatewayPort={FreePort().ToString(CultureInfo.InvariantCulture)}",
            "--Logging:LogLevel:Default=Warning",
            "--Arena:RateLimits:Enabled=false", // every simulated user comes from 127.0.0.1
            "--Arena:Capacity:StartsInFlight=0", // throughput is measured uncapped; the overload benchmark sets its own caps
            "--Arena:Ratings:MinVoteDelay=00:00:00",
        }.Concat(settings))
        {
            info.ArgumentList.Add(arg);
        }

        var clock = Stopwatch.StartNew();
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        using var http = new HttpClient();
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            try
            {
                using var page = await http.GetAsync(address);
                if (page.IsSuccessStatusCode)
                {
                    return (new ArenaProcess(process, data, address), clock.Elapsed);
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(20);
        }

        process.Kill(entireProcessTree: true);
        throw new TimeoutException("Arena.Web did not answer GET / within 120 s.");
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Arena.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("Arena.sln not found above " + AppContext.BaseDirectory);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
