using System.Net;
using Arena.Hosting;
using Arena.Hosting.Tls;
using Arena.Placement;
using Arena.Ratings.Ledger;
using Arena.Storage;

namespace Arena.Web.Hosting;

/// <summary>Chooses clustering and grain storage for the configured profile (<c>Arena:Profile</c>).</summary>
public static class ProfileExtensions
{
    /// <summary>
    /// Embedded (the default): one silo on localhost, grain state in SQLite under ./data.
    /// Cluster: membership, grain state and reminders in PostgreSQL (<c>ConnectionStrings:arena</c>),
    /// reachable by the other silos at <c>Arena:Silo:AdvertisedIp</c> over mutual TLS (<c>Arena:Tls</c>). Both advertise the web role and
    /// register model placement, so the same grains run in either.
    /// </summary>
    public static ISiloBuilder AddArenaProfile(this ISiloBuilder silo, IConfiguration configuration)
    {
        var options = configuration.GetSection(ProfileOptions.Section).Get<ProfileOptions>() ?? new ProfileOptions();
        silo.Configure<Orleans.Configuration.ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });

        if (!ProfileOptions.IsCluster(configuration))
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort);
            var sqlite = configuration.GetConnectionString(ProfileOptions.ConnectionStringName) ?? ProfileOptions.DefaultSqlite;
            silo.AddArenaSqliteStorage(ArenaNames.Storage, sqlite);
            silo.AddArenaVoteLedger(DatabaseKind.Sqlite, sqlite);
        }
        else
        {
            var postgres = ClusterSettings(configuration, options);
            silo.ConfigureEndpoints(postgres.AdvertisedIp, options.SiloPort, options.GatewayPort, options.ListenOnAnyHostAddress);
            silo.UseArenaTls(configuration); // mutual TLS between silos and for gateway clients (Arena:Tls)
            silo.AddArenaPostgresClustering(postgres.ConnectionString)
                .AddArenaClusterDirectory() // a silo's death leaves the survivors' grains running
                .AddArenaPostgresStorage(ArenaNames.Storage, postgres.ConnectionString)
                .AddArenaPostgresReminders(postgres.ConnectionString)
                .AddArenaVoteLedger(DatabaseKind.PostgreSql, postgres.ConnectionString);
            // Failure detection (e.g. Orleans__Membership__ProbeTimeout); Orleans' defaults otherwise.
            silo.Services.AddOptions<Orleans.Configuration.ClusterMembershipOptions>().BindConfiguration(ProfileOptions.MembershipSection);
        }

        silo.AddArenaModelPlacement().AddArenaSiloMetadata(ProfileOptions.WebRole, node: null, models: []);
        return silo;
    }

    private static (string ConnectionString, IPAddress AdvertisedIp) ClusterSettings(IConfiguration configuration, ProfileOptions options)
    {
        var errors = new List<string>();
        var connectionString = configuration.GetConnectionString(ProfileOptions.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            errors.Add($"ConnectionStrings:{ProfileOptions.ConnectionStringName}: the cluster profile needs the PostgreSQL connection string (environment variable ConnectionStrings__arena).");
        }

        if (!IPAddress.TryParse(options.AdvertisedIp, out var advertised))
        {
            errors.Add($"{ProfileOptions.Section}:AdvertisedIp: '{options.AdvertisedIp}' is not an IP address.");
        }

        foreach (var (name, port) in new[] { ("SiloPort", options.SiloPort), ("GatewayPort", options.GatewayPort) })
        {
            if (port is < 1 or > 65535)
            {
                errors.Add($"{ProfileOptions.Section}:{name}: {port} is not a TCP port (1-65535).");
            }
        }

        return errors.Count == 0
            ? (connectionString!, advertised!)
            : throw new InvalidOperationException("The cluster profile's configuration is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)));
    }
}
