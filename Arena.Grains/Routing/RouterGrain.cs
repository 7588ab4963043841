namespace Arena.Routing;

/// <summary>Classifies messages with the shared classifier; any silo, many activations, no state.</summary>
[StatelessWorker]
public sealed class RouterGrain(RouteClassifier classifier) : Grain, IRouterGrain
{
    public Task<RouteDecision> ClassifyAsync(string message, RouteContext context) =>
        Task.FromResult(classifier.Classify(message, context));
}
