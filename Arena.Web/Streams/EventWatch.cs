using System.Threading.Channels;
using Arena.Streams;

namespace Arena.Web.Streams;

/// <summary>
/// One watcher of a battle or an assistant conversation, registered with its <see cref="IEventWatchersGrain{TEvent}"/>:
/// the events the grain publishes arrive on <see cref="Events"/> until the watch is disposed. Orleans holds a grain
/// observer weakly, so the watch must stay referenced while it is read.
/// </summary>
public sealed class EventWatch<TEvent> : IEventObserver<TEvent>, IAsyncDisposable
{
    private readonly Channel<TEvent> _live = Channel.CreateUnbounded<TEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IGrainFactory _grains;
    private readonly IEventWatchersGrain<TEvent> _watchers;
    private readonly ILogger _logger;
    private readonly IEventObserver<TEvent> _reference;

    private EventWatch(IGrainFactory grains, Guid id, ILogger logger)
    {
        _grains = grains;
        _watchers = grains.GetGrain<IEventWatchersGrain<TEvent>>(id);
        _logger = logger;
        _reference = grains.CreateObjectReference<IEventObserver<TEvent>>(this);
    }

    /// <summary>The events, in the order they arrived.</summary>
    public ChannelReader<TEvent> Events => _live.Reader;

    /// <summary>Registers a watcher of the battle or conversation <paramref name="id"/>.</summary>
    public static async Task<EventWatch<TEvent>> StartAsync(IGrainFactory grains, Guid id, ILogger logger)
    {
        var watch = new EventWatch<TEvent>(grains, id, logger);
        try
        {
            await watch.RenewAsync();
            return watch;
        }
        catch
        {
            grains.DeleteObjectReference<IEventObserver<TEvent>>(watch._reference);
            throw;
        }
    }

    /// <summary>Registers again: a new activation of the watchers grain (after a deactivation or a silo's death) knows no watcher.</summary>
    public Task RenewAsync() => _watchers.WatchAsync(_reference);

    Task IEventObserver<TEvent>.OnEventsAsync(TEvent[] events)
    {
        foreach (var e in events)
        {
            _live.Writer.TryWrite(e);
        }

        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _watchers.UnwatchAsync(_reference);
        }
        catch (Exception ex)
        {
            // The watch is over either way: the registration ends at the next call to it, or after its lease.
            EventWatchLog.UnwatchFailed(_logger, ex, _watchers.GetPrimaryKey());
        }
        finally
        {
            _grains.DeleteObjectReference<IEventObserver<TEvent>>(_reference);
        }
    }

}

internal static partial class EventWatchLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Events of {Id}: a watcher could not unregister; its registration lapses on its own")]
    public static partial void UnwatchFailed(ILogger logger, Exception exception, Guid id);
}
