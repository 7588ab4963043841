using Orleans.Concurrency;

namespace Arena.Routing;

/// <summary>
/// Classifies messages with the shared classifier; any silo, no state. Reentrant: an activation takes every message
/// while earlier ones wait for their embedding, so concurrent messages share the embedder's batches instead of
/// queueing behind the (few) activations one message at a time.
/// </summary>
[StatelessWorker]
[Reentrant]
public sealed class RouterGrain(RouteClassifier classifier) : Grain, IRouterGrain
{
    public Task<RouteDecision> ClassifyAsync(string message, RouteContext context) => classifier.ClassifyAsync(message, context);
}
