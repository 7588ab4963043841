using Arena.Streams;

namespace Arena.Tests.Shared;

/// <summary>
/// A test's watcher of one battle or conversation, as the web host registers one: every event its grain publishes is
/// handed to <c>onEvent</c>, in arrival order, until disposed.
/// </summary>
public sealed class EventSubscription<TEvent> : IEventObserver<TEvent>, IAsyncDisposable
{
    private readonly IGrainFactory _grains;
    private readonly IEventWatchersGrain<TEvent> _watchers;
    private readonly Action<TEvent> _onEvent;
    private IEventObserver<TEvent>? _reference;

    private EventSubscription(IGrainFactory grains, Guid id, Action<TEvent> onEvent)
    {
        _grains = grains;
        _watchers = grains.GetGrain<IEventWatchersGrain<TEvent>>(id);
        _onEvent = onEvent;
    }

    public static async Task<EventSubscription<TEvent>> StartAsync(IGrainFactory grains, Guid id, Action<TEvent> onEvent)
    {
        var subscription = new EventSubscription<TEvent>(grains, id, onEvent);
        subscription._reference = grains.CreateObjectReference<IEventObserver<TEvent>>(subscription);
        await subscription._watchers.WatchAsync(subscription._reference);
        return subscription;
    }

    Task IEventObserver<TEvent>.OnEventsAsync(TEvent[] events)
    {
        foreach (var e in events)
        {
            _onEvent(e);
        }

        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_reference is not null)
        {
            await _watchers.UnwatchAsync(_reference);
            _grains.DeleteObjectReference<IEventObserver<TEvent>>(_reference);
        }
    }
}
