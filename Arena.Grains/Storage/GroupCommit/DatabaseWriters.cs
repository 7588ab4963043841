using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Arena.Storage.GroupCommit;

/// <summary>
/// The silo's one group writer per database: grain state and the vote outbox in the same database share it, so
/// their writes of the moment go in one transaction and never wait on each other's locks. Writers start on first
/// use and are drained when the silo stops, after the grains' own stop, so the grains' last writes commit.
/// </summary>
public sealed class DatabaseWriters : ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable
{
    private readonly Dictionary<(DatabaseKind Kind, string ConnectionString), GroupCommitter> _writers = [];
    private readonly ILogger _logger;
    private bool _stopped;

    public DatabaseWriters(ILogger<DatabaseWriters> logger) => _logger = logger;

    /// <summary>Registers the writers once, however many stores share them.</summary>
    internal static void AddTo(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(DatabaseWriters)))
        {
            return;
        }

        services.AddSingleton<DatabaseWriters>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(s => s.GetRequiredService<DatabaseWriters>());
    }

    /// <summary>The database's group writer.</summary>
    internal GroupCommitter For(DatabaseKind kind, string connectionString)
    {
        lock (_writers)
        {
            ObjectDisposedException.ThrowIf(_stopped, this);
            if (!_writers.TryGetValue((kind, connectionString), out var writer))
            {
                writer = new GroupCommitter(kind, connectionString, _logger);
                _writers.Add((kind, connectionString), writer);
            }

            return writer;
        }
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(DatabaseWriters), ServiceLifecycleStage.RuntimeStorageServices, _ => Task.CompletedTask, _ => StopAsync());

    /// <summary>Drains and closes the writers (if the silo's stop has not already); later writes are refused.</summary>
    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task StopAsync()
    {
        GroupCommitter[] writers;
        lock (_writers)
        {
            _stopped = true;
            writers = [.. _writers.Values];
            _writers.Clear();
        }

        foreach (var writer in writers)
        {
            await writer.DisposeAsync();
        }
    }
}
