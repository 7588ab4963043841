using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace GpuNodes.Tests;

/// <summary>What a finished process printed and returned.</summary>
public sealed record ProcessResult(int ExitCode, string StdOut, string StdErr)
{
    public string[] OutLines => StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit code {ExitCode}\n--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}";
}

/// <summary>Runs the gpu-nodes scripts and other tools as real processes, with a bounded wait.</summary>
public static class Scripts
{
    /// <summary>Variables the scripts read; cleared so the machine running the tests cannot change their outcome.</summary>
    private static readonly string[] _scrubbed =
        ["ARENA_VLLM_API_KEY", "ARENA_VLLM_HOST", "ARENA_MODELS_FILE", "ARENA_READY_TIMEOUT", "VLLM_BIN"];

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string GpuNodes => Path.Combine(RepoRoot, "gpu-nodes");

    public static string ExampleModels => Path.Combine(GpuNodes, "models.example.conf");

    /// <summary>Runs <c>bash gpu-nodes/&lt;script&gt; args</c> (the executable bit may not survive a checkout).</summary>
    public static Task<ProcessResult> BashAsync(string script, IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null, TimeSpan? timeout = null) =>
        RunAsync("bash", [Path.Combine(GpuNodes, script), .. args], env, timeout);

    public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? GpuNodes,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in _scrubbed)
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in env ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        using var cts = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{fileName} {string.Join(' ', start.ArgumentList)}` did not exit within {limit.TotalSeconds} s.");
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The full path of <paramref name="tool"/> on PATH, or null.</summary>
    public static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);

    /// <summary>
    /// A loopback port bound but not listening: connecting to it is refused, and while the socket is
    /// open no other server (such as another test's simulator) can take the port.
    /// </summary>
    public static Socket ClosedPort(out int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        return socket;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Arena.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Arena.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A directory deleted when the test ends.</summary>
public sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("arena-gpu-tests-").FullName;

    public string Write(string name, string content)
    {
        var file = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
        return file;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
