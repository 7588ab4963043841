namespace Arena.Web.Models;

/// <summary>
/// A model as the public <c>GET /api/models</c> shows it: its configuration and whether it can answer
/// (<see cref="Available"/> or <see cref="Unavailable"/>). A degraded model counts as available, so that
/// a replica failing during a battle does not show.
/// </summary>
public sealed record PublicModelView(
    string Id,
    string DisplayName,
    string Provider,
    bool Simulated,
    bool InArena,
    bool SupportsTools,
    string State)
{
    public const string Available = "available";
    public const string Unavailable = "unavailable";
}
