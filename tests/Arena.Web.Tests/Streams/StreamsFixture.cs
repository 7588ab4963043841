using Arena.Web.Tests.Api;
using Arena.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Arena.Web.Tests.Streams;

/// <summary>
/// An Arena.Web host with short event stream settings, whose battles and conversations lose the events a test chooses
/// (<see cref="EventLoss"/>). Its assistant is the simulator's <c>sim-assistant</c>.
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
                // Long enough that a lost side end is found by the battle_done after it, not by the idle re-read.
                ["Arena:Streams:IdleReread"] = "00:00:00.500",
                ["Arena:Assistant:Model"] = "sim-assistant",
            },
            services => services.AddSingleton<IOutgoingGrainCallFilter>(Loss));
    }

    public EventLoss Loss { get; } = new();

    public ArenaWebFactory Factory => _host.Factory;

    /// <summary>
    /// Starts the host and runs one battle through it, so that the first prompt's one-off costs (the router's model
    /// loading above all) do not delay a test's start until its battle has ended and there is nothing left to lose.
    /// </summary>
    public async Task InitializeAsync()
    {
        await _host.StartAsync();
        var api = new ArenaApi(Factory.CreateSessionClient());
        var (started, _) = await api.StartBattleAsync("Say hello.");
        await api.WaitUntilFinishedAsync(started);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class StreamsCollection : ICollectionFixture<StreamsFixture>
{
    public const string Name = "Arena web host losing events";
}
