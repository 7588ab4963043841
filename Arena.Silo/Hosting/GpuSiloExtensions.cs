using Arena.Hosting;
using Arena.Hosting.Operators;
using Arena.Hosting.Tls;
using Arena.Placement;
using Arena.Ratings.Ledger;
using Arena.Storage;
using Orleans.Configuration;

namespace Arena.Silo.Hosting;

/// <summary>Composes a GPU-node silo: PostgreSQL cluster membership and storage, Arena's grains, node metadata.</summary>
public static class GpuSiloExtensions
{
    /// <summary>The role a GPU-node silo advertises in <c>arena.role</c>.</summary>
    public const string Role = "gpu";

    /// <summary>Reads and checks the configuration, then adds the silo. Throws naming every bad setting.</summary>
    public static WebApplicationBuilder AddArenaGpuSilo(this WebApplicationBuilder builder)
    {
        var settings = GpuSiloSettings.Read(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddArenaMetrics();
        builder.Services.AddArenaOperatorAccess();
        builder.UseOrleans(silo => silo.AddArenaGpuSilo(settings).UseArenaTls(builder.Configuration));
        return builder;
    }

    /// <summary>The silo of a GPU node with these settings.</summary>
    public static ISiloBuilder AddArenaGpuSilo(this ISiloBuilder silo, GpuSiloSettings settings)
    {
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.Silo.ClusterId;
            o.ServiceId = settings.Silo.ServiceId;
        });
        silo.Configure<SiloOptions>(o => o.SiloName = settings.Node.Name);
        // Failure detection (e.g. Orleans__Membership__ProbeTimeout); Orleans' defaults otherwise.
        silo.Services.AddOptions<ClusterMembershipOptions>().BindConfiguration(SiloHostOptions.MembershipSection);
        silo.ConfigureEndpoints(settings.AdvertisedIp, settings.Silo.SiloPort, settings.Silo.GatewayPort, settings.Silo.ListenOnAnyHostAddress);
        silo.AddArenaPostgresClustering(settings.ConnectionString)
            .AddArenaClusterDirectory() // a silo's death leaves the survivors' grains running
            .AddArenaPostgresStorage(ArenaNames.Storage, settings.ConnectionString)
            .AddArenaPostgresReminders(settings.ConnectionString)
            .AddArenaVoteLedger(DatabaseKind.PostgreSql, settings.ConnectionString);
        silo.AddArenaGrains()
            .AddArenaModelPlacement()
            .AddArenaSiloMetadata(Role, settings.Node.Name, settings.Node.Models.Select(m => new NodeModel(m.Id, m.Endpoint, m.MaxConcurrency)));
        return silo;
    }

    /// <summary>
    /// <c>GET /health</c>: 200 with the node and its models while this silo is an active cluster member,
    /// 503 otherwise (starting, shutting down, or declared dead by the cluster). <c>/metrics</c> needs the operator key.
    /// </summary>
    public static WebApplication MapSiloHealth(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/health", (GpuSiloSettings settings, IClusterMembershipService membership, ILocalSiloDetails local) =>
        {
            var status = membership.CurrentSnapshot.GetSiloStatus(local.SiloAddress);
            var body = new
            {
                status = status == SiloStatus.Active ? "healthy" : "unavailable",
                silo = status.ToString(),
                node = settings.Node.Name,
                models = settings.Node.Models.Select(m => m.Id),
                address = local.SiloAddress.ToString(),
            };
            return status == SiloStatus.Active ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        app.MapArenaMetrics();
        return app;
    }
}
