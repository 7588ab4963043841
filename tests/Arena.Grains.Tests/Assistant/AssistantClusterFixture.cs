using System.Globalization;
using Arena.Assistant;
using Arena.Hosting;
using Arena.Ratings.Ledger;
using Arena.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using VllmSim;

namespace Arena.Grains.Tests.Assistant;

/// <summary>
/// A real one-silo Orleans cluster on SQLite whose assistant is VllmSim's tool-calling <c>sim-assistant</c>
/// over HTTP, with two arena models for the leaderboard and two test-only tools beside the arena tools.
/// </summary>
public abstract class AssistantClusterFixture : IAsyncLifetime
{
    public const string ModelA = "sim-alpha";
    public const string ModelB = "sim-beta";
    public const int MaxMessageChars = 500;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "arena-assistant-" + Guid.NewGuid().ToString("N"));

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public RunningSimulator Simulator { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public IServiceProvider SiloServices => Cluster.Silos[0].SiloHost.Services;

    /// <summary>A tool that always refuses with a <see cref="ToolException"/>.</summary>
    public BrokenGaugeTool BrokenGauge { get; } = new();

    /// <summary>A tool that waits until the test releases it (or the turn is stopped).</summary>
    public GateTool Gate { get; } = new();

    protected virtual int MaxSteps => 6;

    /// <summary>More settings over the fixture's own.</summary>
    protected virtual IEnumerable<(string Key, string? Value)> ExtraSettings() => [];

    /// <summary>Changes the silo after the fixture's own setup (e.g. its grain storage), on the fixture's database.</summary>
    protected virtual void ConfigureSilo(ISiloBuilder silo, string connectionString)
    {
    }

    public async Task InitializeAsync()
    {
        List<SimModelOptions> models =
        [
            new() { Id = AssistantModels.SimulatedAssistant, Style = AnswerStyles.Assistant, SupportsTools = true, MaxTokens = 300 },
            new() { Id = ModelA, Style = AnswerStyles.Terse, MaxTokens = 100 },
            new() { Id = ModelB, Style = AnswerStyles.Chatty, MaxTokens = 100 },
        ];
        Simulator = await VllmSimServer.StartAsync(new SimulatorOptions { Models = models, TimeScale = 0.02, Seed = 7 });

        var settings = new Dictionary<string, string?>
        {
            ["Arena:Assistant:Model"] = AssistantModels.SimulatedAssistant,
            ["Arena:Assistant:MaxSteps"] = MaxSteps.ToString(CultureInfo.InvariantCulture),
            ["Arena:Assistant:MaxMessageChars"] = MaxMessageChars.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in ExtraSettings())
        {
            settings[key] = value;
        }

        for (var i = 0; i < models.Count; i++)
        {
            var prefix = $"Arena:Models:{i.ToString(CultureInfo.InvariantCulture)}:";
            settings[prefix + "Id"] = models[i].Id;
            settings[prefix + "BaseUrl"] = Simulator.OpenAIEndpoint.ToString();
            settings[prefix + "Simulated"] = "true";
            settings[prefix + "SupportsTools"] = models[i].SupportsTools ? "true" : "false";
            settings[prefix + "InArena"] = models[i].SupportsTools ? "false" : "true";
        }

        var connectionString = $"Data Source={Path.Combine(_directory, "arena.db")}";
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureHost(host => host.Configuration.AddInMemoryCollection(settings));
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddArenaSqliteStorage(ArenaNames.Storage, connectionString)
                .AddArenaVoteLedger(DatabaseKind.Sqlite, connectionString)
                .AddArenaGrains();
            silo.Services.AddSingleton<IAssistantTool>(BrokenGauge);
            silo.Services.AddSingleton<IAssistantTool>(Gate);
            ConfigureSilo(silo, connectionString);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Simulator.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}

/// <summary>The assistant with its default round limit.</summary>
public sealed class AssistantFixture : AssistantClusterFixture;

/// <summary>The assistant allowed a single model round: any tool call uses up the turn.</summary>
public sealed class OneRoundAssistantFixture : AssistantClusterFixture
{
    protected override int MaxSteps => 1;
}

/// <summary>The assistant on grain storage whose writes a test can make fail (<see cref="Faults"/>), retried quickly.</summary>
public sealed class FaultyStorageAssistantFixture : AssistantClusterFixture
{
    public const int WriteAttempts = 3;

    public Battles.StorageFaults Faults { get; } = new();

    protected override IEnumerable<(string Key, string? Value)> ExtraSettings() =>
    [
        ("Arena:Storage:WriteAttempts", WriteAttempts.ToString(CultureInfo.InvariantCulture)),
        ("Arena:Storage:WriteRetryDelay", "00:00:00.010"),
    ];

    protected override void ConfigureSilo(ISiloBuilder silo, string connectionString)
    {
        var faults = Faults;
        silo.Services.AddKeyedSingleton<Orleans.Storage.IGrainStorage>(ArenaNames.Storage, (services, _) =>
            new Battles.FaultyGrainStorage(ActivatorUtilities.CreateInstance<Arena.Storage.GrainState.ArenaGrainStorage>(services, DatabaseKind.Sqlite, connectionString), faults));
    }
}

[CollectionDefinition(Name)]
public sealed class FaultyStorageAssistantCollection : ICollectionFixture<FaultyStorageAssistantFixture>
{
    public const string Name = "faulty storage assistant";
}

[CollectionDefinition(Name)]
public sealed class AssistantCollection : ICollectionFixture<AssistantFixture>
{
    public const string Name = "assistant";
}
