using System.Collections.Concurrent;
using Arena.Battles;
using Orleans.Runtime;
using Orleans.Streams.Filtering;

namespace Arena.Web.Tests.Streams;

/// <summary>
/// An Orleans stream filter that loses one kind of event of chosen battles between the grain and its watchers, as a
/// failed publish or a dying silo would; the grain, the watcher and the endpoint stay as they are.
/// </summary>
public sealed class EventLoss : IStreamFilter
{
    private readonly ConcurrentDictionary<StreamId, Loss> _losses = new();

    /// <summary>From now on, every <paramref name="kind"/> event of the battle is lost.</summary>
    public void Lose(string battleId, BattleEventKind kind) => _losses[Key(battleId)] = new Loss(kind);

    /// <summary>Completes once an event of the battle was lost.</summary>
    public Task LostAsync(string battleId) => _losses[Key(battleId)].Lost.Task;

    public bool ShouldDeliver(StreamId streamId, object item, string? filterData)
    {
        if (item is BattleEvent e && _losses.TryGetValue(streamId, out var loss) && e.Kind == loss.Kind)
        {
            loss.Lost.TrySetResult();
            return false;
        }

        return true;
    }

    private static StreamId Key(string battleId) => StreamId.Create(ArenaNames.BattleStreamNamespace, Guid.Parse(battleId));

    private sealed record Loss(BattleEventKind Kind)
    {
        public TaskCompletionSource Lost { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
