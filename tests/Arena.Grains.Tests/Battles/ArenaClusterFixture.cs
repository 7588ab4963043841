using System.Globalization;
using Arena.Hosting;
using Arena.Ratings.Ledger;
using Arena.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using VllmSim;

namespace Arena.Grains.Tests.Battles;

/// <summary>
/// A real two-silo Orleans cluster running Arena's grains on SQLite storage, with its models served
/// by a real VllmSim over HTTP. Subclasses choose the simulated models.
/// </summary>
public abstract class ArenaClusterFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "arena-cluster-" + Guid.NewGuid().ToString("N"));

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public RunningSimulator Simulator { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    /// <summary>The SQLite database both silos keep their state and ledger in.</summary>
    public string ConnectionString => $"Data Source={Path.Combine(_directory, "arena.db")}";

    /// <summary>The models VllmSim serves; all of them take part in battles.</summary>
    protected abstract List<SimModelOptions> Models();

    protected virtual double TimeScale => 0.02;

    /// <summary>A model's base URL when it is not the fixture's simulator.</summary>
    protected virtual string? BaseUrlOf(string modelId) => null;

    /// <summary>Services of the first silo (each silo has its own model directory and health monitor).</summary>
    public IServiceProvider SiloServices => Cluster.Silos[0].SiloHost.Services;

    /// <summary>Anything more a fixture's silos need (each silo calls it).</summary>
    protected virtual void ConfigureSilo(ISiloBuilder silo)
    {
    }

    /// <summary>Configuration beyond the model list.</summary>
    protected virtual IEnumerable<(string Key, string? Value)> ExtraSettings() => [];

    public async Task InitializeAsync()
    {
        var models = Models();
        Simulator = await VllmSimServer.StartAsync(new SimulatorOptions { Models = models, TimeScale = TimeScale, Seed = 7 });

        // The tests vote the moment the answers finish; rated all the same unless a fixture sets a reading time.
        var settings = new Dictionary<string, string?> { ["Arena:Ratings:MinVoteDelay"] = "00:00:00" };
        for (var i = 0; i < models.Count; i++)
        {
            var prefix = $"Arena:Models:{i.ToString(CultureInfo.InvariantCulture)}:";
            settings[prefix + "Id"] = models[i].Id;
            settings[prefix + "BaseUrl"] = BaseUrlOf(models[i].Id) ?? Simulator.OpenAIEndpoint.ToString();
            settings[prefix + "Simulated"] = "true";
        }

        foreach (var (key, value) in ExtraSettings())
        {
            settings[key] = value;
        }

        var connectionString = ConnectionString;
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureHost(host => host.Configuration.AddInMemoryCollection(settings));
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddArenaSqliteStorage(ArenaNames.Storage, connectionString)
                .AddArenaVoteLedger(DatabaseKind.Sqlite, connectionString)
                .AddArenaGrains()
                .AddArenaClusterDirectory();
            ConfigureSilo(silo);
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

/// <summary>Two healthy, fast simulated models: every battle is between them.</summary>
public sealed class HealthyArenaFixture : ArenaClusterFixture
{
    protected override List<SimModelOptions> Models() =>
    [
        new() { Id = "sim-terse", Style = AnswerStyles.Terse, MaxTokens = 200 },
        new() { Id = "sim-chatty", Style = AnswerStyles.Chatty, MaxTokens = 200 },
    ];
}

/// <summary>A model that always fails mid-stream against one that takes minutes to start answering.</summary>
public sealed class TroubledArenaFixture : ArenaClusterFixture
{
    public const string Broken = "sim-broken";
    public const string Slow = "sim-slow";

    protected override double TimeScale => 1.0;

    // The broken model fails every battle on purpose; keep its circuit closed so it stays in the pool.
    protected override IEnumerable<(string Key, string? Value)> ExtraSettings() => [("Arena:Health:FailureThreshold", "1000")];

    protected override List<SimModelOptions> Models() =>
    [
        new() { Id = Broken, Style = AnswerStyles.Terse, TtftMs = 1, TtftStdMs = 0, InterTokenMs = 1, InterTokenStdMs = 0, Failures = new() { MidStreamErrorRate = 1.0 } },
        new() { Id = Slow, Style = AnswerStyles.Chatty, TtftMs = 600_000, TtftStdMs = 0 },
    ];
}

[CollectionDefinition(Name)]
public sealed class HealthyArenaCollection : ICollectionFixture<HealthyArenaFixture>
{
    public const string Name = "healthy arena";
}

[CollectionDefinition(Name)]
public sealed class TroubledArenaCollection : ICollectionFixture<TroubledArenaFixture>
{
    public const string Name = "troubled arena";
}
