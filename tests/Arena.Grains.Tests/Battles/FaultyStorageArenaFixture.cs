using Arena.Storage;
using Arena.Storage.GrainState;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using VllmSim;

namespace Arena.Grains.Tests.Battles;

/// <summary>
/// Two healthy, fast models on grain storage whose battle writes a test can make fail (<see cref="Faults"/>);
/// a failed write is retried quickly, so that retries run out within a test.
/// </summary>
public sealed class FaultyStorageArenaFixture : ArenaClusterFixture
{
    public const int WriteAttempts = 3;

    public StorageFaults Faults { get; } = new();

    /// <summary>The database's own storage, without the faults: what a battle has really stored.</summary>
    public IGrainStorage Stored => ActivatorUtilities.CreateInstance<ArenaGrainStorage>(SiloServices, DatabaseKind.Sqlite, ConnectionString);

    protected override List<SimModelOptions> Models() =>
    [
        new() { Id = "sim-terse", Style = AnswerStyles.Terse, MaxTokens = 200 },
        new() { Id = "sim-chatty", Style = AnswerStyles.Chatty, MaxTokens = 200 },
    ];

    protected override IEnumerable<(string Key, string? Value)> ExtraSettings() =>
    [
        ("Arena:Storage:WriteAttempts", WriteAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Arena:Storage:WriteRetryDelay", "00:00:00.010"),
    ];

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        var connectionString = ConnectionString;
        var faults = Faults;
        silo.Services.AddKeyedSingleton<IGrainStorage>(ArenaNames.Storage, (services, _) =>
            new FaultyGrainStorage(ActivatorUtilities.CreateInstance<ArenaGrainStorage>(services, DatabaseKind.Sqlite, connectionString), faults));
    }
}

[CollectionDefinition(Name)]
public sealed class FaultyStorageArenaCollection : ICollectionFixture<FaultyStorageArenaFixture>
{
    public const string Name = "faulty storage arena";
}
