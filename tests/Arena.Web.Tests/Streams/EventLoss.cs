using System.Collections.Concurrent;
using Arena.Assistant;
using Arena.Battles;
using Arena.Streams;

namespace Arena.Web.Tests.Streams;

/// <summary>
/// An Orleans call filter that loses one kind of event of chosen battles or assistant conversations between their
/// watchers grain and the web host's watchers, as a lost message or a dying silo would; the grains, the watcher and the
/// endpoint stay as they are.
/// </summary>
public sealed class EventLoss : IOutgoingGrainCallFilter
{
    private readonly ConcurrentDictionary<Guid, Loss> _losses = new();

    /// <summary>From now on, every <paramref name="kind"/> event of the battle is lost.</summary>
    public void Lose(string battleId, BattleEventKind kind) =>
        _losses[Guid.Parse(battleId)] = new Loss(item => item is BattleEvent e && e.Kind == kind);

    /// <summary>From now on, every <paramref name="kind"/> event of the assistant conversation is lost.</summary>
    public void Lose(Guid conversationId, AssistantEventKind kind) =>
        _losses[conversationId] = new Loss(item => item is AssistantEvent e && e.Kind == kind);

    /// <summary>Completes once an event of the battle was lost.</summary>
    public Task LostAsync(string battleId) => _losses[Guid.Parse(battleId)].Lost.Task;

    /// <summary>Completes once an event of the conversation was lost.</summary>
    public Task LostAsync(Guid conversationId) => _losses[conversationId].Lost.Task;

    /// <summary>Takes the chosen events out of each call that carries a watcher its events.</summary>
    public Task Invoke(IOutgoingGrainCallContext context)
    {
        if (context.MethodName == nameof(IEventObserver<BattleEvent>.OnEventsAsync)
            && context.SourceId is { } source
            && _losses.TryGetValue(source.GetGuidKey(), out var loss))
        {
            context.Request.SetArgument(0, context.Request.GetArgument(0) switch
            {
                BattleEvent[] events => loss.Keep(events),
                AssistantEvent[] events => loss.Keep(events),
                var other => other!,
            });
        }

        return context.Invoke();
    }

    private sealed record Loss(Func<object, bool> Matches)
    {
        public TaskCompletionSource Lost { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The events that are not lost.</summary>
        public T[] Keep<T>(T[] events) where T : notnull
        {
            var kept = events.Where(e => !Matches(e)).ToArray();
            if (kept.Length < events.Length)
            {
                Lost.TrySetResult();
            }

            return kept;
        }
    }
}
