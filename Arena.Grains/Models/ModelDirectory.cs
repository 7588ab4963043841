using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Arena.Models;

/// <summary>
/// This silo's view of where every model is served and how healthy each replica is. Replicas are a
/// model's configured base URL, plus one per active GPU-node silo whose metadata lists the model.
/// The health board is refreshed by <see cref="ModelHealthMonitor"/>; pairing and replica choice read it.
/// </summary>
public sealed class ModelDirectory(ModelCatalog catalog, IServiceProvider services)
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<ReplicaStatus>> _board = new(StringComparer.Ordinal);

    /// <summary>The model's replicas in the cluster now.</summary>
    public IReadOnlyList<ReplicaKey> ReplicasOf(ModelDefinition model)
    {
        var replicas = new List<ReplicaKey>();
        if (model.ResolvedBaseUrl is not null)
        {
            replicas.Add(new ReplicaKey(model.Id, null));
        }

        var membership = services.GetService<IClusterMembershipService>();
        var metadata = services.GetService<ISiloMetadataCache>();
        if (membership is null || metadata is null)
        {
            return replicas;
        }

        foreach (var member in membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active))
        {
            var values = metadata.GetSiloMetadata(member.SiloAddress).Metadata;
            if (values.TryGetValue(SiloMetadataKeys.Node, out var node)
                && values.TryGetValue(SiloMetadataKeys.Models, out var models)
                && SiloMetadataKeys.ParseModels(models).Contains(model.Id, StringComparer.Ordinal))
            {
                replicas.Add(new ReplicaKey(model.Id, node));
            }
        }

        return replicas;
    }

    /// <summary>Records the replicas' statuses from the latest refresh.</summary>
    public void Report(string modelId, IReadOnlyList<ReplicaStatus> replicas) => _board[modelId] = replicas;

    /// <summary>The model's availability. Before the first refresh, replicas count as healthy.</summary>
    public ModelState StateOf(ModelDefinition model)
    {
        var current = ReplicasOf(model).Select(r => r.GrainKey).ToHashSet(StringComparer.Ordinal);
        if (current.Count == 0)
        {
            return new ModelState(model, ModelAvailability.Unavailable, "No node serves the model.", []);
        }

        var reported = _board.GetValueOrDefault(model.Id) ?? [];
        var statuses = current
            .Select(key => reported.FirstOrDefault(r => r.Replica == key)
                ?? new ReplicaStatus(key, ReplicaKey.Parse(key).Node, "", ReplicaHealth.Healthy, null, 0, model.MaxConcurrency, null))
            .ToArray();
        var healthy = statuses.Count(s => s.Health == ReplicaHealth.Healthy);
        var reason = string.Join("; ", statuses.Where(s => s.Health != ReplicaHealth.Healthy).Select(s => $"{s.Replica}: {s.Reason}"));
        var availability = healthy == statuses.Length ? ModelAvailability.Healthy
            : healthy > 0 ? ModelAvailability.Degraded
            : ModelAvailability.Unavailable;
        return new ModelState(model, availability, reason.Length == 0 ? null : reason, statuses);
    }

    /// <summary>The states of all configured models, in configuration order.</summary>
    public IReadOnlyList<ModelState> States() => catalog.All.Select(StateOf).ToArray();

    /// <summary>The arena models that can take a battle now, with their sampling weights.</summary>
    public IReadOnlyList<(string Id, double Weight)> PairableModels() =>
        catalog.All.Where(m => m.InArena && m.Weight > 0)
            .Where(m => StateOf(m).Availability != ModelAvailability.Unavailable)
            .Select(m => (m.Id, m.Weight))
            .ToArray();

    /// <summary>
    /// The healthy replica with the fewest requests in flight for its capacity (shortest queue), not
    /// counting <paramref name="exclude"/>; null when there is none.
    /// </summary>
    public ReplicaKey? ChooseReplica(string modelId, IReadOnlyList<ReplicaStatus> live, string? exclude = null) =>
        live.Where(s => s.Health == ReplicaHealth.Healthy && s.Replica != exclude)
            .OrderBy(s => (double)s.InFlight / Math.Max(1, s.Capacity))
            .ThenBy(s => s.Replica, StringComparer.Ordinal)
            .Select(s => (ReplicaKey?)ReplicaKey.Parse(s.Replica))
            .FirstOrDefault();
}
