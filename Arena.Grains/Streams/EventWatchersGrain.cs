using Microsoft.Extensions.Logging;
using Orleans.BroadcastChannel;

namespace Arena.Streams;

/// <summary>
/// The implicit subscriber of one battle's or conversation's broadcast channel. The channel delivers each event here,
/// and the publisher waits for that delivery only (a call within the silo, since this grain is placed where it is first
/// called); each watcher then gets it through its own <see cref="WatcherOutbox{TEvent}"/>, so the answer never waits
/// for a watcher, however slow or far. Registrations live in this activation only: a watcher that hears nothing reads
/// the transcript again and renews its registration, so a new activation (after an idle deactivation or a silo's
/// death) learns of it again.
/// </summary>
public abstract class EventWatchersGrain<TEvent>(TimeProvider time, ILogger logger) : Grain, IEventWatchersGrain<TEvent>, IOnBroadcastChannelSubscribed
{
    private readonly Dictionary<IEventObserver<TEvent>, WatcherOutbox<TEvent>> _watchers = [];

    public Task WatchAsync(IEventObserver<TEvent> watcher)
    {
        if (!_watchers.TryGetValue(watcher, out var outbox) || !outbox.Open)
        {
            outbox = new WatcherOutbox<TEvent>(watcher, ex => EventWatchersLog.WatcherDropped(logger, ex, this.GetPrimaryKey()));
            _watchers[watcher] = outbox;
        }

        outbox.RenewedAt = time.GetUtcNow();
        return Task.CompletedTask;
    }

    public Task UnwatchAsync(IEventObserver<TEvent> watcher)
    {
        _watchers.Remove(watcher);
        return Task.CompletedTask;
    }

    public Task OnSubscribed(IBroadcastChannelSubscription subscription)
    {
        subscription.Attach<TEvent>(OnPublishedAsync, OnChannelErrorAsync);
        return Task.CompletedTask;
    }

    private Task OnPublishedAsync(TEvent e)
    {
        var lapsed = time.GetUtcNow() - ArenaNames.WatchLease;
        foreach (var (watcher, outbox) in _watchers)
        {
            if (outbox.Open && outbox.RenewedAt > lapsed)
            {
                outbox.Post(e);
            }
            else
            {
                _watchers.Remove(watcher);
            }
        }

        return Task.CompletedTask;
    }

    private Task OnChannelErrorAsync(Exception ex)
    {
        // The transcript holds everything: a watcher that misses events finds them when it reads it again.
        EventWatchersLog.ChannelError(logger, ex, this.GetPrimaryKey());
        return Task.CompletedTask;
    }
}

internal static partial class EventWatchersLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Events of {Id}: the broadcast channel reported an error")]
    public static partial void ChannelError(ILogger logger, Exception exception, Guid id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Events of {Id}: a watcher was dropped; it reads the transcript again when it hears nothing")]
    public static partial void WatcherDropped(ILogger logger, Exception exception, Guid id);
}
