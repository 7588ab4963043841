using Arena.Models;

namespace Arena.Web.Models;

/// <summary>The models' state and statistics, gathered from this silo's health board and the replicas.</summary>
public sealed class ModelService(ModelCatalog catalog, ModelDirectory directory, IClusterClient client, TimeProvider time)
{
    private static readonly TimeSpan ReplicaTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Every configured model and whether it can answer: what anyone may see. Nothing here changes when
    /// a battle starts (no replicas, in-flight counts or health reasons), so it cannot tell a watcher who is answering.
    /// </summary>
    public IReadOnlyList<PublicModelView> List() => directory.States().Select(PublicView).ToArray();

    /// <summary>Every configured model with its state, health reason and replicas: the operator's view.</summary>
    public IReadOnlyList<ModelView> ListDetailed() => directory.States().Select(View).ToArray();

    /// <summary>One model's statistics, merged across its replicas.</summary>
    public async Task<ModelStatsView> StatsAsync(string id)
    {
        var model = catalog.Find(id) ?? throw ArenaException.NotFound($"There is no model '{id}'.");
        var replicas = directory.ReplicasOf(model);
        var stats = await Task.WhenAll(replicas.Select(async r =>
        {
            try
            {
                return await client.GetGrain<IModelGrain>(r.GrainKey).GetStatsAsync().WaitAsync(ReplicaTimeout, time);
            }
            catch (Exception ex) when (ex is TimeoutException or OrleansException)
            {
                return null; // an unreachable replica contributes nothing until it is back
            }
        }));
        return ModelStatsView.Merge(model, stats.OfType<ReplicaStats>().ToArray(), replicas.Count);
    }

    private static PublicModelView PublicView(ModelState state) => new(
        state.Model.Id,
        state.Model.Name,
        state.Model.Provider,
        state.Model.Simulated,
        state.Model.InArena,
        state.Model.SupportsTools,
        state.Availability == ModelAvailability.Unavailable ? PublicModelView.Unavailable : PublicModelView.Available);

    private static ModelView View(ModelState state) => new(
        state.Model.Id,
        state.Model.Name,
        state.Model.Provider,
        state.Model.Simulated,
        state.Model.InArena,
        state.Model.SupportsTools,
        state.Model.Weight,
        state.Availability.ToString().ToLowerInvariant(),
        state.Reason,
        state.Replicas.Select(r => new ReplicaView(r.Replica, r.Node, r.Silo, r.Health.ToString().ToLowerInvariant(), r.Reason, r.InFlight, r.Capacity, r.LastProbeAt)).ToArray());
}

/// <summary>A model as the operator's <c>GET /api/operator/models</c> shows it.</summary>
public sealed record ModelView(
    string Id,
    string DisplayName,
    string Provider,
    bool Simulated,
    bool InArena,
    bool SupportsTools,
    double Weight,
    string State,
    string? Reason,
    IReadOnlyList<ReplicaView> Replicas);

/// <summary>One replica of a model: where it runs and how it is doing.</summary>
public sealed record ReplicaView(
    string Replica,
    string? Node,
    string Silo,
    string Health,
    string? Reason,
    int InFlight,
    int Capacity,
    DateTimeOffset? LastProbeAt);
