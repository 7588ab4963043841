namespace Arena.Streams;

/// <summary>A watcher's end of a battle's or an assistant conversation's events, in the web host.</summary>
public interface IEventObserver<TEvent> : IGrainObserver
{
    /// <summary>
    /// Takes the events sent since the last call, in the order they were published. A watcher has at most one call in
    /// flight, so its events never overtake one another on the way.
    /// </summary>
    Task OnEventsAsync(TEvent[] events);
}

/// <summary>
/// The watchers of one battle or conversation (keyed by its id): the implicit subscriber of its broadcast channel,
/// which forwards each event it receives to every watcher registered here. A registration lapses after
/// <see cref="ArenaNames.WatchLease"/> unless renewed, and at once when a call to the watcher fails.
/// </summary>
public interface IEventWatchersGrain<TEvent> : IGrainWithGuidKey
{
    /// <summary>Registers the watcher, or renews its registration.</summary>
    Task WatchAsync(IEventObserver<TEvent> watcher);

    /// <summary>Drops the watcher.</summary>
    Task UnwatchAsync(IEventObserver<TEvent> watcher);
}
