using Arena.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Arena.Placement;

/// <summary>Registers key-based model placement and the metadata a silo advertises for it.</summary>
public static class ModelPlacementSiloBuilderExtensions
{
    /// <summary>
    /// Adds the <see cref="ModelReplicaPlacementStrategy"/> filter. Every silo of the cluster needs it,
    /// since any silo may place a ModelGrain (<c>AddArenaGrains</c> calls it); each silo also needs
    /// <see cref="AddArenaSiloMetadata"/> for replica keys to find their node. Idempotent.
    /// </summary>
    public static ISiloBuilder AddArenaModelPlacement(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        if (silo.Services.Any(d => d.ServiceType == typeof(ModelPlacementMarker)))
        {
            return silo;
        }

        silo.Services.AddSingleton<ModelPlacementMarker>();
        silo.Services.AddPlacementFilter<ModelReplicaPlacementStrategy, ModelReplicaPlacementDirector>(ServiceLifetime.Transient);
        silo.Services.TryAddSingleton(NodeEndpoints.None);
        silo.Services.TryAddSingleton<INodeEndpoints>(sp => sp.GetRequiredService<NodeEndpoints>());
        return silo;
    }

    /// <summary>
    /// Advertises this silo's role (<c>web</c> or <c>gpu</c>), its GPU node name, and the models whose
    /// servers run on the node with their local endpoints; registers <see cref="INodeEndpoints"/> for them.
    /// Call it once per silo.
    /// </summary>
    public static ISiloBuilder AddArenaSiloMetadata(this ISiloBuilder silo, string role, string? node, IEnumerable<NodeModel> models)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        var served = models.ToArray();
        if (node is null && served.Length > 0)
        {
            throw new ArgumentException("A silo that serves models must name its GPU node.", nameof(node));
        }

        silo.UseSiloMetadata(Describe(role, node, served));
        var endpoints = new NodeEndpoints(node, served);
        silo.Services.Replace(ServiceDescriptor.Singleton<INodeEndpoints>(endpoints));
        silo.Services.Replace(ServiceDescriptor.Singleton(endpoints));
        return silo;
    }

    /// <summary>The metadata entries of a silo with this role, node and models.</summary>
    public static Dictionary<string, string> Describe(string role, string? node, IReadOnlyCollection<NodeModel> models)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { [SiloMetadataKeys.Role] = role };
        if (node is not null)
        {
            metadata[SiloMetadataKeys.Node] = node;
        }

        if (models.Count > 0)
        {
            metadata[SiloMetadataKeys.Models] = string.Join(',', models.Select(m => m.Id));
            foreach (var model in models)
            {
                metadata[SiloMetadataKeys.Endpoint(model.Id)] = model.Endpoint;
            }
        }

        return metadata;
    }

    private sealed class ModelPlacementMarker;
}
