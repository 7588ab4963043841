namespace Arena.Streams;

/// <summary>
/// The events on their way to one watcher. One call is in flight at a time, and what was published meanwhile travels
/// together in the next, so events keep their order and a slow or vanished watcher holds up no one but itself. Runs in
/// its grain's single-threaded context.
/// </summary>
internal sealed class WatcherOutbox<TEvent>(IEventObserver<TEvent> watcher, Action<Exception> failed)
{
    /// <summary>The most events that wait for one watcher. Past it the watcher is dropped: its silence makes it read the transcript.</summary>
    public const int MaxPending = 4096;

    private List<TEvent> _pending = [];
    private bool _sending;

    /// <summary>When the watcher last registered; it lapses <see cref="ArenaNames.WatchLease"/> later.</summary>
    public DateTimeOffset RenewedAt { get; set; }

    /// <summary>False once a call to the watcher failed or too many events waited: the outbox takes nothing more.</summary>
    public bool Open { get; private set; } = true;

    public void Post(TEvent e)
    {
        if (!Open)
        {
            return;
        }

        if (_pending.Count >= MaxPending)
        {
            Close(new InvalidOperationException($"{MaxPending} events waited for the watcher."));
            return;
        }

        _pending.Add(e);
        if (!_sending)
        {
            _sending = true;
            _ = SendAsync();
        }
    }

    private async Task SendAsync()
    {
        while (Open && _pending.Count > 0)
        {
            var batch = _pending.ToArray();
            _pending = [];
            try
            {
                await watcher.OnEventsAsync(batch);
            }
            catch (Exception ex)
            {
                Close(ex);
            }
        }

        _sending = false;
    }

    private void Close(Exception reason)
    {
        Open = false;
        _pending = [];
        failed(reason);
    }
}
