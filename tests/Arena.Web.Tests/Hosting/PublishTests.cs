using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Arena.Web.Tests.Hosting;

/// <summary>
/// <c>dotnet publish -c Release</c> of both hosts succeeds (Arena.Web embeds VllmSim, whose settings file once
/// collided with Arena.Web's: NETSDK1152), and each published build reads its own settings when started from a
/// directory that holds nothing of it.
/// </summary>
public sealed class PublishTests : IDisposable
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(8);
    private readonly string _work = Directory.CreateTempSubdirectory("arena-publish-").FullName;

    [Fact]
    public async Task Publish_BothHosts_EachStartedElsewhereReadsItsOwnSettings()
    {
        // Its own artifacts directory, so that the publish builds beside (not over) the binaries other tests run.
        var artifacts = Path.Combine(_work, "artifacts");
        var web = Path.Combine(_work, "web");
        var silo = Path.Combine(_work, "silo");
        await PublishAsync(Path.Combine("Arena.Web", "Arena.Web.csproj"), artifacts, web);
        await PublishAsync(Path.Combine("Arena.Silo", "Arena.Silo.csproj"), artifacts, silo);
        var elsewhere = Directory.CreateDirectory(Path.Combine(_work, "elsewhere")).FullName;

        // Arena.Web: its published appsettings.json says where to listen; only a host that read it answers there.
        var port = FreePorts.Take(3);
        var settings = Path.Combine(web, "appsettings.json");
        var json = JsonNode.Parse(await File.ReadAllTextAsync(settings))!.AsObject();
        json["Urls"] = $"http://127.0.0.1:{port[0].ToString(CultureInfo.InvariantCulture)}";
        await File.WriteAllTextAsync(settings, json.ToJsonString());
        using (var host = Start(web, "Arena.Web.dll", elsewhere,
            $"--ConnectionStrings:arena=Data Source={Path.Combine(_work, "arena.db")}",
            $"--Arena:Silo:SiloPort={port[1].ToString(CultureInfo.InvariantCulture)}",
            $"--Arena:Silo:GatewayPort={port[2].ToString(CultureInfo.InvariantCulture)}"))
        {
            // The host says where it listens once it is ready (or stops first, and the output says why).
            var ready = await host.ReadyAsync.WaitAsync(TimeSpan.FromSeconds(120));
            Assert.True(ready, "The published Arena.Web stopped before it was ready:\n" + host.Output);
            using var http = new HttpClient { BaseAddress = new Uri(json["Urls"]!.GetValue<string>()), Timeout = TimeSpan.FromSeconds(5) };
            var page = await http.GetAsync(new Uri("/", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var css = await http.GetAsync(new Uri("/app.css", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, css.StatusCode); // its wwwroot, found from its own directory too
        }

        // Arena.Silo: its appsettings.json sets the cluster profile, so without a database it names the connection
        // string it lacks; a host that missed its settings would name the profile instead.
        using var node = Start(silo, "Arena.Silo.dll", elsewhere);
        Assert.True(node.Process.WaitForExit(TimeSpan.FromSeconds(60)), "Arena.Silo without a database should stop at once.");
        var output = node.Output;
        Assert.NotEqual(0, node.Process.ExitCode);
        Assert.Contains("ConnectionStrings:arena: the PostgreSQL connection string is required", output, StringComparison.Ordinal);
        Assert.DoesNotContain("the profile must be 'cluster'", output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // A process that has not let go of a file yet: the temporary directory is left behind.
        }
    }

    private static async Task PublishAsync(string project, string artifacts, string output)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "publish", project, "-c", "Release", "--artifacts-path", artifacts, "-o", output, "-nologo" })
        {
            info.ArgumentList.Add(arg);
        }

        using var publish = Process.Start(info)!;
        var stdout = publish.StandardOutput.ReadToEndAsync();
        var stderr = publish.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(PublishTimeout);
        await publish.WaitForExitAsync(timeout.Token);
        Assert.True(publish.ExitCode == 0, $"dotnet publish {project} failed:\n{await stdout}\n{await stderr}");
    }

    private static RunningHost Start(string directory, string dll, string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(Path.Combine(directory, dll));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Nothing of the test host's own environment says which profile or settings to use.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("Arena__", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        return new RunningHost(Process.Start(info)!);
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

        throw new InvalidOperationException("Arena.sln was not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A started host whose output is collected, stopped when disposed.</summary>
    private sealed class RunningHost : IDisposable
    {
        private readonly StringBuilder _output = new();
        private readonly TaskCompletionSource<bool> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public RunningHost(Process process)
        {
            Process = process;
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.EnableRaisingEvents = true;
            process.Exited += (_, _) => _ready.TrySetResult(false);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (process.HasExited)
            {
                _ready.TrySetResult(false);
            }
        }

        public Process Process { get; }

        /// <summary>True once Arena.Web printed "Arena is ready at …"; false if the process ended first.</summary>
        public Task<bool> ReadyAsync => _ready.Task;

        public string Output
        {
            get
            {
                Process.WaitForExit(TimeSpan.FromSeconds(1)); // lets the last lines of a process that ended arrive
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit();
            }

            Process.Dispose();
        }

        private void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_output)
            {
                _output.AppendLine(line);
            }

            if (line.StartsWith("Arena is ready at ", StringComparison.Ordinal))
            {
                _ready.TrySetResult(true);
            }
        }
    }
}
