using System.Globalization;
using Arena.Web.Tests.Hosting;

namespace Arena.Web.Tests.Assistant;

/// <summary>An Arena.Web host whose assistant is the embedded simulator's <c>sim-assistant</c> (whatever the environment holds), fast.</summary>
public sealed class AssistantHostFixture : IAsyncLifetime
{
    private readonly ArenaHost _host = new(timeScale: 0.02, new Dictionary<string, string> { ["Arena:Assistant:Model"] = "sim-assistant" });

    public ArenaWebFactory Factory => _host.Factory;

    public Task InitializeAsync() => _host.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();
}

/// <summary>
/// The same with a simulator slowed fifty-fold, so an answer is still streaming for a minute; the
/// simulator listens on a known port so tests can read its metrics.
/// </summary>
public sealed class SlowAssistantHostFixture : IAsyncLifetime
{
    private readonly ArenaHost _host;

    public SlowAssistantHostFixture()
    {
        SimulatorUrl = new Uri($"http://127.0.0.1:{FreePorts.Take(1)[0].ToString(CultureInfo.InvariantCulture)}");
        _host = new ArenaHost(timeScale: 50, new Dictionary<string, string>
        {
            ["Arena:Assistant:Model"] = "sim-assistant",
            ["Arena:Simulator:Url"] = SimulatorUrl.ToString().TrimEnd('/'),
        });
    }

    public Uri SimulatorUrl { get; }

    public ArenaWebFactory Factory => _host.Factory;

    public Task InitializeAsync() => _host.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
