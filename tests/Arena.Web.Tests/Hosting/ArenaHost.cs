using Microsoft.Data.Sqlite;
using VllmSim;

namespace Arena.Web.Tests.Hosting;

/// <summary>
/// A temp data directory and the Arena.Web hosts started on it, one at a time, each with a VllmSim on
/// loopback whose latencies are multiplied by <paramref name="timeScale"/>.
/// </summary>
/// <remarks>
/// The simulator is started here rather than by Arena.Web's embedded profile: Program starts the
/// embedded one before it builds its own host, and WebApplicationFactory then hosts the simulator
/// instead of Arena (see <c>EmbeddedSimulatorTests</c>).
/// </remarks>
public sealed class ArenaHost(double timeScale) : IAsyncDisposable
{
    public const int MaxPromptChars = 200;

    private RunningSimulator? _simulator;
    private ArenaWebFactory? _factory;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "arena-web-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>The running host.</summary>
    public ArenaWebFactory Factory => _factory ?? throw new InvalidOperationException("Start the host first.");

    /// <summary>Starts a host on this data directory; the previous one must have been stopped.</summary>
    public async Task StartAsync()
    {
        if (_simulator is not null || _factory is not null)
        {
            throw new InvalidOperationException("Stop the running host before starting another on the same data.");
        }

        Directory.CreateDirectory(DataDirectory);
        _simulator = await VllmSimServer.StartAsync(new SimulatorOptions { TimeScale = timeScale });
        var factory = new ArenaWebFactory(DataDirectory, _simulator, MaxPromptChars);
        try
        {
            await factory.StartAsync();
        }
        catch
        {
            await factory.DisposeAsync();
            await StopAsync();
            throw;
        }

        _factory = factory;
    }

    /// <summary>Stops the running host and its simulator, and lets go of the SQLite file.</summary>
    public async Task StopAsync()
    {
        if (_factory is { } factory)
        {
            _factory = null;
            await factory.DisposeAsync();
        }

        if (_simulator is { } simulator)
        {
            _simulator = null;
            await simulator.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
