using System.Text;
using Arena.Battles;
using Arena.Tests.Shared;

namespace Arena.Grains.Tests.Battles;

/// <summary>Watches a battle before it starts and records every event in order.</summary>
public sealed class BattleWatcher : IAsyncDisposable
{
    private readonly List<BattleEvent> _events = [];
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<BattleEvent, bool> _until;
    private EventSubscription<BattleEvent>? _subscription;

    private BattleWatcher(Func<BattleEvent, bool> until) => _until = until;

    public IReadOnlyList<BattleEvent> Events
    {
        get
        {
            lock (_events)
            {
                return _events.ToArray();
            }
        }
    }

    /// <summary>Completes when an event matching the watcher's condition arrives.</summary>
    public Task Done => _done.Task;

    public static async Task<BattleWatcher> StartAsync(IClusterClient client, Guid battleId, Func<BattleEvent, bool>? until = null)
    {
        var watcher = new BattleWatcher(until ?? (e => e.Kind == BattleEventKind.BattleDone));
        watcher._subscription = await EventSubscription<BattleEvent>.StartAsync(client, battleId, e =>
        {
            lock (watcher._events)
            {
                watcher._events.Add(e);
            }

            if (watcher._until(e))
            {
                watcher._done.TrySetResult();
            }
        });
        return watcher;
    }

    /// <summary>The text of one side, rebuilt from token events; throws if an offset is out of sequence.</summary>
    public string TextOf(Side side, int turn = 0)
    {
        var text = new StringBuilder();
        foreach (var e in Events.Where(e => e.Kind == BattleEventKind.Token && e.Side == side && e.Turn == turn))
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
