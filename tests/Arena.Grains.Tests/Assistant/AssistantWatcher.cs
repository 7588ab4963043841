using System.Text;
using Arena.Assistant;
using Arena.Tests.Shared;

namespace Arena.Grains.Tests.Assistant;

/// <summary>Watches a conversation before a turn starts and records every event in order, until the turn ends.</summary>
public sealed class AssistantWatcher : IAsyncDisposable
{
    private readonly List<AssistantEvent> _events = [];
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstToken = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private EventSubscription<AssistantEvent>? _subscription;

    public IReadOnlyList<AssistantEvent> Events
    {
        get
        {
            lock (_events)
            {
                return _events.ToArray();
            }
        }
    }

    /// <summary>Completes at the turn's end (done or error).</summary>
    public Task Done => _done.Task.WaitAsync(TimeSpan.FromSeconds(60));

    /// <summary>Completes at the first token.</summary>
    public Task FirstToken => _firstToken.Task.WaitAsync(TimeSpan.FromSeconds(60));

    public static async Task<AssistantWatcher> StartAsync(IClusterClient client, Guid conversationId)
    {
        var watcher = new AssistantWatcher();
        watcher._subscription = await EventSubscription<AssistantEvent>.StartAsync(client, conversationId, e =>
        {
            lock (watcher._events)
            {
                watcher._events.Add(e);
            }

            if (e.Kind == AssistantEventKind.Token)
            {
                watcher._firstToken.TrySetResult();
            }

            if (e.Kind is AssistantEventKind.TurnDone or AssistantEventKind.TurnError)
            {
                watcher._done.TrySetResult();
            }
        });
        return watcher;
    }

    /// <summary>The turn's text rebuilt from token events; fails if an offset is out of sequence.</summary>
    public string TextOf(int turn)
    {
        var text = new StringBuilder();
        foreach (var e in Events.Where(e => e.Kind == AssistantEventKind.Token && e.Turn == turn))
        {
            Assert.Equal(text.Length, e.Offset);
            text.Append(e.Text);
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync();
        }
    }
}
