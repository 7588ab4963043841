using System.Globalization;
using Arena.Web.Tests.Hosting;

namespace Arena.Web.Tests.Moderation;

/// <summary>
/// An Arena host whose simulator listens on a known port (so tests read its metrics), whose assistant is the
/// simulated <c>sim-assistant</c>, with <paramref name="settings"/> for moderation.
/// </summary>
public abstract class ModeratedHostFixture : IAsyncLifetime
{
    private ArenaHost? _host;

    public ArenaWebFactory Factory => (_host ?? throw new InvalidOperationException("Not started.")).Factory;

    /// <summary>What reached the simulated models.</summary>
    public SimulatorWire Wire { get; private set; } = default!;

    public virtual async Task InitializeAsync()
    {
        var simulator = new Uri($"http://127.0.0.1:{FreePorts.Take(1)[0].ToString(CultureInfo.InvariantCulture)}");
        var settings = new Dictionary<string, string>(Settings())
        {
            ["Arena:Assistant:Model"] = "sim-assistant",
            ["Arena:Simulator:Url"] = simulator.ToString().TrimEnd('/'),
        };
        Wire = new SimulatorWire(simulator);
        _host = new ArenaHost(timeScale: 0.02, settings);
        await _host.StartAsync();
    }

    public virtual async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    protected abstract IReadOnlyDictionary<string, string> Settings();
}

/// <summary>Moderation by the local block list only: a word, a phrase and a pattern.</summary>
public sealed class BlockListHostFixture : ModeratedHostFixture
{
    public const string Word = "Zorblax";
    public const string Phrase = "forbidden phrase";
    public const string Pattern = @"regex:secret\d+code";

    protected override IReadOnlyDictionary<string, string> Settings() => new Dictionary<string, string>
    {
        ["Arena:Moderation:BlockList:0"] = Word,
        ["Arena:Moderation:BlockList:1"] = Phrase,
        ["Arena:Moderation:BlockList:2"] = Pattern,
    };
}

/// <summary>
/// OpenAI moderation against a local <see cref="ModerationServer"/>, its key in an environment variable of this
/// fixture's own (so that no other test sees it), failing open or closed.
/// </summary>
public abstract class OpenAiHostFixture(bool failClosed) : ModeratedHostFixture
{
    private readonly string _keyVariable = "ARENA_TEST_MODERATION_KEY_" + Guid.NewGuid().ToString("N");

    public ModerationServer Moderation { get; private set; } = default!;

    public override async Task InitializeAsync()
    {
        Moderation = await ModerationServer.StartAsync("sk-test-" + Guid.NewGuid().ToString("N"));
        Environment.SetEnvironmentVariable(_keyVariable, Moderation.ApiKey);
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Environment.SetEnvironmentVariable(_keyVariable, null);
        await Moderation.DisposeAsync();
    }

    protected override IReadOnlyDictionary<string, string> Settings() => new Dictionary<string, string>
    {
        ["Arena:Moderation:OpenAi:Enabled"] = "true",
        ["Arena:Moderation:OpenAi:ApiKeyVariable"] = _keyVariable,
        ["Arena:Moderation:OpenAi:BaseUrl"] = Moderation.BaseAddress.ToString(),
        ["Arena:Moderation:OpenAi:Timeout"] = "00:00:01",
        ["Arena:Moderation:FailClosed"] = failClosed ? "true" : "false",
    };
}

/// <summary>OpenAI moderation that lets a prompt through when the check fails (the default).</summary>
public sealed class OpenAiFailOpenHostFixture() : OpenAiHostFixture(failClosed: false);

/// <summary>OpenAI moderation that refuses a prompt when the check fails.</summary>
public sealed class OpenAiFailClosedHostFixture() : OpenAiHostFixture(failClosed: true);
