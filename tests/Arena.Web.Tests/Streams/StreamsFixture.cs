using Arena.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams.Filtering;

namespace Arena.Web.Tests.Streams;

/// <summary>
/// An Arena.Web host with short event stream settings, whose battle streams lose every <c>battle_done</c> event
/// (<see cref="BattleDoneLoss"/>): a watcher hears nothing after the answers end unless it reads the battle again.
/// Its assistant is the simulator's <c>sim-assistant</c>.
/// </summary>
public sealed class StreamsFixture : IAsyncLifetime
{
    public const int RetryHintMs = 1500;

    private readonly ArenaHost _host;

    public StreamsFixture()
    {
        _host = new ArenaHost(
            // The simulator's own pace: a battle streams for a second or more, so a watcher is there before it ends.
            timeScale: 1.0,
            new Dictionary<string, string>
            {
                ["Arena:Streams:HeartbeatInterval"] = "00:00:00.020",
                ["Arena:Streams:RetryHint"] = "00:00:01.500",
                ["Arena:Streams:IdleReread"] = "00:00:00.100",
                ["Arena:Assistant:Model"] = "sim-assistant",
            },
            services => services.AddKeyedSingleton<IStreamFilter>(ArenaNames.StreamProvider, Loss));
    }

    public BattleDoneLoss Loss { get; } = new();

    public ArenaWebFactory Factory => _host.Factory;

    public Task InitializeAsync() => _host.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class StreamsCollection : ICollectionFixture<StreamsFixture>
{
    public const string Name = "Arena web host losing battle_done";
}
