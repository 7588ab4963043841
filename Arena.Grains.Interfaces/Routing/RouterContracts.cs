namespace Arena.Routing;

/// <summary>The session's state that decides routing before any classification.</summary>
[GenerateSerializer, Immutable]
public sealed record RouteContext([property: Id(0)] bool DataLoaded, [property: Id(1)] bool WorkflowActive)
{
    public static readonly RouteContext None = new(false, false);
}

/// <summary>Where a message goes (<see cref="Routes"/>), its category, how sure the router is (0..1), and why.</summary>
[GenerateSerializer, Immutable]
public sealed record RouteDecision(
    [property: Id(0)] string Route,
    [property: Id(1)] string Category,
    [property: Id(2)] double Confidence,
    [property: Id(3)] string Reason);

/// <summary>The two destinations of a message.</summary>
public static class Routes
{
    public const string Arena = "arena";
    public const string Assistant = "assistant";
}

/// <summary>Classifies a user's message; stateless, with no side effects.</summary>
public interface IRouterGrain : IGrainWithIntegerKey
{
    Task<RouteDecision> ClassifyAsync(string message, RouteContext context);
}
