using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Arena.Cluster.Tests.Infrastructure;
using Arena.Tests.Shared;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Connections.Security;

namespace Arena.Cluster.Tests.Processes;

/// <summary>
/// Arena as it runs in production, on one machine: PostgreSQL; two GPU nodes, each a VllmSim process
/// next to an Arena.Silo process (gpu-1 serves sim-a and sim-c, gpu-2 serves sim-b and sim-d); and one or more
/// Arena.Web processes in the cluster profile with no embedded simulator, each in a working directory of its own, as
/// on machines of their own. Every silo has a certificate of its own from the deployment's authority, so they talk
/// mutual TLS (<c>Arena:Tls</c>), as the cluster profile requires. Every process is killed on dispose.
/// </summary>
public sealed class ArenaDeployment : IAsyncDisposable
{
    public static readonly string[] Gpu1Models = ["sim-a", "sim-c"];
    public static readonly string[] Gpu2Models = ["sim-b", "sim-d"];
    public static readonly string[] AllModels = ["sim-a", "sim-b", "sim-c", "sim-d"];

    /// <summary>The operator key every process is started with: the replica view and <c>/metrics</c> need it.</summary>
    public const string OperatorKey = "cluster-test-operator-key";

    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(90);

    private readonly List<ChildProcess> _processes = [];
    private readonly Dictionary<string, ChildProcess> _silos = [];
    private readonly List<ChildProcess> _webProcesses = [];
    private readonly List<Uri> _webs = [];
    private readonly List<int> _webGateways = [];
    private readonly Dictionary<string, Uri> _simulators = [];
    private readonly Dictionary<int, ChildProcess> _bySiloPort = [];
    private double _timeScale = 0.01;
    private int _maxTokens = 40;
    private readonly List<string> _workingDirectories = [];
    private Dictionary<string, string> _common = [];
    private readonly HttpClient _probe = new() { Timeout = TimeSpan.FromSeconds(5) };
    private PostgresServer? _postgres;
    private TestCertificates? _certificates;

    private ArenaDeployment()
    {
    }

    /// <summary>The first Arena.Web's base address.</summary>
    public Uri Web => _webs[0];

    /// <summary>Every Arena.Web's base address, in start order.</summary>
    public IReadOnlyList<Uri> Webs => _webs;

    /// <summary>Every Arena.Web's Orleans gateway port, in start order.</summary>
    public IReadOnlyList<int> WebGateways => _webGateways;

    /// <summary>The authority every silo's certificate comes from; issue another member's with it.</summary>
    public TestCertificates Certificates => _certificates ?? throw new InvalidOperationException("The deployment has not started.");

    /// <summary>The cluster's id and service id, as a client of its gateways needs them.</summary>
    public (string ClusterId, string ServiceId) ClusterIds => (_common["Arena__Silo__ClusterId"], _common["Arena__Silo__ServiceId"]);

    /// <summary>Each GPU silo's own HTTP address (<c>/health</c>, <c>/metrics</c>), by node.</summary>
    public Dictionary<string, Uri> SiloHttp { get; } = [];

    /// <summary>Every process's recent output, for failure messages.</summary>
    public string Diagnostics() => string.Join(Environment.NewLine, _processes.Select(p => p.Output()));

    /// <summary>
    /// Starts the deployment with <paramref name="webSilos"/> Arena.Web processes. The simulators answer at
    /// <paramref name="timeScale"/> times their models' latencies (fast by default), at most <paramref name="maxTokens"/> tokens.
    /// </summary>
    public static async Task<ArenaDeployment> StartAsync(int webSilos = 1, double timeScale = 0.01, int maxTokens = 40)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(webSilos, 1);
        var deployment = new ArenaDeployment { _timeScale = timeScale, _maxTokens = maxTokens };
        try
        {
            await deployment.StartCoreAsync(webSilos);
            return deployment;
        }
        catch
        {
            await deployment.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs a test's steps against the deployment. A failure is reported with every process's output, also written to
    /// <paramref name="output"/> when given (xUnit shows it even when the message is cut).
    /// </summary>
    public async Task RunAsync(Func<Task> steps, Action<string>? output = null)
    {
        try
        {
            await steps();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            output?.Invoke(Diagnostics());
            throw new Xunit.Sdk.XunitException($"{ex.GetType().Name}: {ex.Message}{Environment.NewLine}{Diagnostics()}");
        }
    }

    /// <summary>Kills a GPU node's silo process for real (its VllmSim keeps running).</summary>
    public async Task KillSiloAsync(string node)
    {
        var silo = _silos[node];
        silo.Kill();
        await silo.WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>The process whose silo listens on <paramref name="siloPort"/> (as a <see cref="Orleans.Runtime.SiloAddress"/> names it).</summary>
    public ChildProcess ProcessAtSiloPort(int siloPort) => _bySiloPort[siloPort];

    /// <summary>Index of the Arena.Web process <paramref name="process"/> in <see cref="Webs"/>, or -1 for a GPU silo.</summary>
    public int WebIndexOf(ChildProcess process) => _webProcesses.IndexOf(process);

    /// <summary>An Orleans client of web silo <paramref name="web"/>'s gateway (web-1's by default) with a member certificate from the deployment's authority (dispose it).</summary>
    public Task<IHost> ConnectClientAsync(int web = 0)
    {
        var certificate = Certificates.IssueLoaded("test-client");
        return ConnectClientAsync(tls =>
        {
            tls.LocalCertificate = certificate;
            tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.AllowAnyRemoteCertificate(); // what the silos accept is under test; the product's own clients check the silo too
        }, web);
    }

    /// <summary>
    /// An Orleans client of web silo <paramref name="web"/>'s gateway with TLS as <paramref name="configureTls"/> sets it (plain
    /// TCP if null), started within <see cref="StartBound"/>. A refused connection fails the start at once rather than being retried.
    /// </summary>
    public async Task<IHost> ConnectClientAsync(Action<TlsOptions>? configureTls, int web = 0)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, WebGateways[web]));
            client.Configure<Orleans.Configuration.ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ClusterIds);
            client.UseConnectionRetryFilter((_, _) => Task.FromResult(false));
            if (configureTls is not null)
            {
                client.UseTls(configureTls);
            }
        });
        var host = builder.Build();
        try
        {
            using var bound = new CancellationTokenSource(StartBound);
            await host.StartAsync(bound.Token);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>Kills Arena.Web number <paramref name="index"/> for real and starts a new one in its place, on new ports and in a new working directory.</summary>
    public async Task ReplaceWebAsync(int index)
    {
        var old = _webProcesses[index];
        old.Kill();
        await old.WaitForExitAsync(TimeSpan.FromSeconds(30));
        (_webProcesses[index], _webs[index], _webGateways[index]) = await StartWebAsync($"arena-web-{index + 1}");
    }

    private async Task StartCoreAsync(int webSilos)
    {
        _certificates = new TestCertificates("arena-deployment-ca");
        _postgres = await PostgresServer.StartAsync();
        var connectionString = await _postgres.CreateDatabaseAsync("arena");
        var common = CommonEnvironment(connectionString);
        _common = common;

        var sim1 = await StartSimulatorAsync("vllmsim-gpu-1", Gpu1Models);
        var sim2 = await StartSimulatorAsync("vllmsim-gpu-2", Gpu2Models);
        // The first silo creates the cluster's tables and membership; start the rest once it is up.
        await StartSiloAsync("gpu-1", Gpu1Models, sim1, common);
        await StartSiloAsync("gpu-2", Gpu2Models, sim2, common);

        for (var i = 0; i < webSilos; i++)
        {
            var (process, address, gateway) = await StartWebAsync(webSilos == 1 ? "arena-web" : $"arena-web-{i + 1}");
            _webProcesses.Add(process);
            _webs.Add(address);
            _webGateways.Add(gateway);
        }
    }

    /// <summary>
    /// Starts an Arena.Web process and waits until it reports every model healthy. Its working directory is a new one of
    /// its own (its content root stays the build output), so that it shares nothing with another web process but the database.
    /// </summary>
    private async Task<(ChildProcess Process, Uri Address, int Gateway)> StartWebAsync(string name)
    {
        var address = new Uri($"http://127.0.0.1:{Ports.Free()}");
        var gateway = Ports.Free();
        var siloPort = Ports.Free();
        var workingDirectory = Directory.CreateTempSubdirectory("arena-web-cwd-").FullName;
        _workingDirectories.Add(workingDirectory);
        var contentRoot = Path.GetDirectoryName(BuildOutputs.ArenaWeb)!;
        var web = Start(name, BuildOutputs.ArenaWeb, ["--urls", address.ToString().TrimEnd('/'), "--contentRoot", contentRoot], With(_common, new()
        {
            ["Arena__Simulator__Enabled"] = "false",
            // The tests' load comes from one address.
            ["Arena__RateLimits__Enabled"] = "false",
            ["Arena__Silo__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Arena__Silo__GatewayPort"] = gateway.ToString(CultureInfo.InvariantCulture),
        }, WebCertificates(name)), workingDirectory);
        _bySiloPort[siloPort] = web;
        await Poll.UntilAsync(() => AllModelsHealthyAsync(web, address), StartBound, $"{name} to report all four models healthy", Diagnostics);
        return (web, address, gateway);
    }

    private async Task<bool> AllModelsHealthyAsync(ChildProcess web, Uri address)
    {
        if (web.HasExited)
        {
            throw new InvalidOperationException($"{web.Name} exited during start-up.");
        }

        var models = await GetModelsAsync(address);
        return AllModels.All(id => models.TryGetValue(id, out var model) && (string?)model["state"] == "healthy");
    }

    /// <summary>The operator's <c>GET /api/operator/models</c> (state, reason, replicas) by id, from the first Arena.Web.</summary>
    public Task<Dictionary<string, JsonNode>> GetModelsAsync() => GetModelsAsync(Web);

    private async Task<Dictionary<string, JsonNode>> GetModelsAsync(Uri web)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(web, "/api/operator/models"));
        request.Headers.Add("X-Operator-Key", OperatorKey);
        using var response = await _probe.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET /api/operator/models answered {(int)response.StatusCode}: {body}");
        }

        return JsonNode.Parse(body)!["models"]!.AsArray().ToDictionary(m => (string)m!["id"]!, m => m!);
    }

    /// <summary>A GPU silo's Prometheus text, scraped as Prometheus would: the operator key as a bearer token.</summary>
    public async Task<string> GetSiloMetricsAsync(string node)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(SiloHttp[node], "/metrics"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", OperatorKey);
        using var response = await _probe.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.OK
            ? body
            : throw new InvalidOperationException($"{node}'s /metrics answered {(int)response.StatusCode}: {body}");
    }

    private async Task<Uri> StartSimulatorAsync(string name, string[] models)
    {
        var port = Ports.Free();
        var address = new Uri($"http://127.0.0.1:{port}");
        var args = new List<string> { "--urls", address.ToString().TrimEnd('/'), "--time-scale", _timeScale.ToString(CultureInfo.InvariantCulture), "--seed", "7" };
        for (var i = 0; i < models.Length; i++)
        {
            args.Add($"--VllmSim:Models:{i}:Id={models[i]}");
            args.Add($"--VllmSim:Models:{i}:MaxTokens={_maxTokens.ToString(CultureInfo.InvariantCulture)}");
        }

        var sim = Start(name, BuildOutputs.VllmSim, args, new Dictionary<string, string>());
        await WaitForHealthAsync(sim, new Uri(address, "/health"));
        return _simulators[name] = new Uri(address, "/v1");
    }

    private async Task StartSiloAsync(string node, string[] models, Uri endpoint, Dictionary<string, string> common)
    {
        var (silo, health) = StartSilo(node, models, endpoint, With(common, Tls(node)));
        _silos[node] = silo;
        SiloHttp[node] = health;
        await WaitForHealthAsync(silo, new Uri(health, "/health"));
    }

    /// <summary>
    /// Starts one more GPU silo serving gpu-1's models, with a certificate of its own from the deployment's authority and
    /// <paramref name="overrides"/> over those settings (another certificate, say), and does not wait for it: the caller
    /// watches whether it joins. Returns it and its HTTP address.
    /// </summary>
    public (ChildProcess Silo, Uri Http) StartExtraSilo(string node, Dictionary<string, string> overrides) =>
        StartSilo(node, Gpu1Models, _simulators["vllmsim-gpu-1"], With(_common, Tls(node), overrides));

    private (ChildProcess Silo, Uri Http) StartSilo(string node, string[] models, Uri endpoint, Dictionary<string, string> settings)
    {
        var healthPort = Ports.Free();
        var siloPort = Ports.Free();
        var environment = With(settings, new()
        {
            ["Arena__Node__Name"] = node,
            ["Arena__Silo__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Arena__Silo__GatewayPort"] = Ports.Free().ToString(CultureInfo.InvariantCulture),
        });
        for (var i = 0; i < models.Length; i++)
        {
            environment[$"Arena__Node__Models__{i}__Id"] = models[i];
            environment[$"Arena__Node__Models__{i}__Endpoint"] = endpoint.ToString();
        }

        var silo = Start("arena-silo-" + node, BuildOutputs.ArenaSilo, ["--urls", $"http://127.0.0.1:{healthPort}"], environment);
        _bySiloPort[siloPort] = silo;
        return (silo, new Uri($"http://127.0.0.1:{healthPort}/"));
    }

    /// <summary>A new certificate for <paramref name="member"/> from the deployment's authority, as environment variables.</summary>
    /// <summary>A web silo's TLS settings and the key-ring certificate that all web silos share.</summary>
    private Dictionary<string, string> WebCertificates(string member) =>
        Tls(member).Concat(Certificates.KeyRingSettings("__").Select(e => KeyValuePair.Create(e.Key, e.Value!))).ToDictionary();

    private Dictionary<string, string> Tls(string member) =>
        Certificates.Settings(member, "__").ToDictionary(e => e.Key, e => e.Value!);

    private Task WaitForHealthAsync(ChildProcess process, Uri health) =>
        Poll.UntilAsync(
            async () =>
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"{process.Name} exited during start-up.");
                }

                using var response = await _probe.GetAsync(health);
                return response.StatusCode == HttpStatusCode.OK;
            },
            StartBound,
            $"{process.Name} to answer {health}",
            Diagnostics);

    private ChildProcess Start(string name, string dll, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, string? workingDirectory = null)
    {
        var process = ChildProcess.Start(name, dll, args, environment, workingDirectory);
        _processes.Add(process);
        return process;
    }

    /// <summary>Settings every Arena process shares: the profile, the database, the cluster, the catalog.</summary>
    private static Dictionary<string, string> CommonEnvironment(string connectionString)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__arena"] = connectionString,
            ["ARENA_OPERATOR_KEY"] = OperatorKey,
            ["Arena__Profile"] = "cluster",
            ["Arena__Silo__ClusterId"] = "arena-test-" + Guid.NewGuid().ToString("N")[..8],
            ["Arena__Silo__ServiceId"] = "arena-test",
            ["Arena__Silo__AdvertisedIp"] = "127.0.0.1",
            ["Arena__Health__ProbeInterval"] = "00:00:00.500",
            ["Arena__Health__StatusTimeout"] = "00:00:01",
            // The tests vote the moment the answers finish; rated all the same.
            ["Arena__Ratings__MinVoteDelay"] = "00:00:00",
            // Declare a killed silo dead in seconds rather than Orleans' default ~15 s.
            ["Orleans__Membership__ProbeTimeout"] = "00:00:02",
            ["Orleans__Membership__NumMissedProbesLimit"] = "3",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        for (var i = 0; i < AllModels.Length; i++)
        {
            environment[$"Arena__Models__{i}__Id"] = AllModels[i];
            environment[$"Arena__Models__{i}__Provider"] = "vllm";
            environment[$"Arena__Models__{i}__Simulated"] = "true";
        }

        return environment;
    }

    private static Dictionary<string, string> With(Dictionary<string, string> common, Dictionary<string, string> extra, Dictionary<string, string>? more = null)
    {
        var merged = new Dictionary<string, string>(common);
        foreach (var (key, value) in extra.Concat(more ?? []))
        {
            merged[key] = value;
        }

        return merged;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_processes))
        {
            process.Dispose();
        }

        _probe.Dispose();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        _certificates?.Dispose();

        foreach (var directory in _workingDirectories.Where(Directory.Exists))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
