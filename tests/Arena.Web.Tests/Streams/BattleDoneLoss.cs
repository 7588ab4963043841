using System.Collections.Concurrent;
using Arena.Battles;
using Orleans.Runtime;
using Orleans.Streams.Filtering;

namespace Arena.Web.Tests.Streams;

/// <summary>
/// An Orleans stream filter that loses every battle's <c>battle_done</c> event between the grain and its watchers,
/// as a failed publish or a dying silo would; the grain, the watcher and the endpoint stay as they are.
/// </summary>
public sealed class BattleDoneLoss : IStreamFilter
{
    private readonly ConcurrentDictionary<StreamId, TaskCompletionSource> _lost = new();

    public bool ShouldDeliver(StreamId streamId, object item, string? filterData)
    {
        if (item is BattleEvent { Kind: BattleEventKind.BattleDone })
        {
            Signal(streamId).TrySetResult();
            return false;
        }

        return true;
    }

    /// <summary>Completes once a <c>battle_done</c> event of the battle was lost.</summary>
    public Task LostAsync(string battleId) => Signal(StreamId.Create(ArenaNames.BattleStreamNamespace, Guid.Parse(battleId))).Task;

    private TaskCompletionSource Signal(StreamId streamId) =>
        _lost.GetOrAdd(streamId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
