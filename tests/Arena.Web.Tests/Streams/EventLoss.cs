using System.Collections.Concurrent;
using Arena.Assistant;
using Arena.Battles;
using Orleans.Runtime;
using Orleans.Streams.Filtering;

namespace Arena.Web.Tests.Streams;

/// <summary>
/// An Orleans stream filter that loses one kind of event of chosen battles or assistant conversations between the grain
/// and its watchers, as a failed publish or a dying silo would; the grain, the watcher and the endpoint stay as they are.
/// </summary>
public sealed class EventLoss : IStreamFilter
{
    private readonly ConcurrentDictionary<StreamId, Loss> _losses = new();

    /// <summary>From now on, every <paramref name="kind"/> event of the battle is lost.</summary>
    public void Lose(string battleId, BattleEventKind kind) =>
        _losses[BattleKey(battleId)] = new Loss(item => item is BattleEvent e && e.Kind == kind);

    /// <summary>From now on, every <paramref name="kind"/> event of the assistant conversation is lost.</summary>
    public void Lose(Guid conversationId, AssistantEventKind kind) =>
        _losses[StreamId.Create(ArenaNames.AssistantStreamNamespace, conversationId)] = new Loss(item => item is AssistantEvent e && e.Kind == kind);

    /// <summary>Completes once an event of the battle was lost.</summary>
    public Task LostAsync(string battleId) => _losses[BattleKey(battleId)].Lost.Task;

    /// <summary>Completes once an event of the conversation was lost.</summary>
    public Task LostAsync(Guid conversationId) => _losses[StreamId.Create(ArenaNames.AssistantStreamNamespace, conversationId)].Lost.Task;

    public bool ShouldDeliver(StreamId streamId, object item, string? filterData)
    {
        if (_losses.TryGetValue(streamId, out var loss) && loss.Matches(item))
        {
            loss.Lost.TrySetResult();
            return false;
        }

        return true;
    }

    private static StreamId BattleKey(string battleId) => StreamId.Create(ArenaNames.BattleStreamNamespace, Guid.Parse(battleId));

    private sealed record Loss(Func<object, bool> Matches)
    {
        public TaskCompletionSource Lost { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
