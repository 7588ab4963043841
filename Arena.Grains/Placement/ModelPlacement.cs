using Arena.Models;

namespace Arena.Placement;

/// <summary>Recognises the failure Orleans reports when no silo in the cluster may host a replica.</summary>
public static class ModelPlacement
{
    // Orleans.Runtime's placement service: "No active nodes are compatible with grain {grain} ...".
    private const string NoCompatibleSilo = "No active nodes are compatible with grain";

    /// <summary>
    /// Whether <paramref name="exception"/> (or an exception inside it) says that no active silo may
    /// host the grain: for a replica key, the GPU node serving it is not in the cluster.
    /// </summary>
    public static bool IsNoCompatibleSilo(Exception? exception) => exception switch
    {
        null => false,
        OrleansException e when e.Message.Contains(NoCompatibleSilo, StringComparison.Ordinal) => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsNoCompatibleSilo),
        _ => IsNoCompatibleSilo(exception.InnerException),
    };

    /// <summary>
    /// The error to show when <paramref name="key"/>'s node is not in the cluster. It does not name the
    /// model, so it can be shown in a blind battle.
    /// </summary>
    public static ArenaException Unavailable(ReplicaKey key) => ArenaException.Unavailable(
        key.Node is null
            ? "The model is unavailable right now. Try again shortly."
            : $"The model is unavailable: GPU node '{key.Node}' is not in the cluster right now. Try again shortly.");
}
