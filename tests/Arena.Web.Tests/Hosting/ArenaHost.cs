using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Arena.Web.Tests.Hosting;

/// <summary>
/// A temp data directory and the Arena.Web hosts started on it, one at a time, each with its embedded
/// simulator's latencies multiplied by <paramref name="timeScale"/>, and any further <paramref name="settings"/> and
/// <paramref name="testServices"/>.
/// </summary>
public sealed class ArenaHost(
    double timeScale, IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? testServices = null) : IAsyncDisposable
{
    public const int MaxPromptChars = 200;

    private ArenaWebFactory? _factory;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "arena-web-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>The running host.</summary>
    public ArenaWebFactory Factory => _factory ?? throw new InvalidOperationException("Start the host first.");

    /// <summary>Starts a host on this data directory; the previous one must have been stopped.</summary>
    public Task StartAsync() => StartAsync(null);

    /// <summary>Starts a host on this data directory with <paramref name="changed"/> settings over the host's own.</summary>
    public async Task StartAsync(IReadOnlyDictionary<string, string>? changed)
    {
        if (_factory is not null)
        {
            throw new InvalidOperationException("Stop the running host before starting another on the same data.");
        }

        Directory.CreateDirectory(DataDirectory);
        var all = new Dictionary<string, string>(settings ?? new Dictionary<string, string>());
        foreach (var (key, value) in changed ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        var factory = new ArenaWebFactory(DataDirectory, timeScale, MaxPromptChars, all, testServices);
        try
        {
            await factory.StartAsync();
        }
        catch
        {
            await factory.DisposeAsync();
            throw;
        }

        _factory = factory;
    }

    /// <summary>Stops the running host (silo, simulator and all) and lets go of the SQLite file.</summary>
    public async Task StopAsync()
    {
        if (_factory is { } factory)
        {
            _factory = null;
            await factory.DisposeAsync();
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
