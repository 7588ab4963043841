using Arena.Ratings.Ledger;
using Arena.Storage;

namespace Arena.Web.Hosting;

/// <summary>Chooses clustering and grain storage for the configured profile.</summary>
public static class ProfileExtensions
{
    /// <summary>
    /// Embedded (the default): one silo on localhost, grain state in SQLite under ./data.
    /// </summary>
    public static ISiloBuilder AddArenaProfile(this ISiloBuilder silo, IConfiguration configuration)
    {
        var options = configuration.GetSection(ProfileOptions.Section).Get<ProfileOptions>() ?? new ProfileOptions();
        silo.Configure<Orleans.Configuration.ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort);
        var connectionString = configuration.GetConnectionString("arena") ?? ProfileOptions.DefaultSqlite;
        silo.AddArenaSqliteStorage(ArenaNames.Storage, connectionString);
        silo.AddArenaVoteLedger(DatabaseKind.Sqlite, connectionString);
        silo.AddMemoryGrainStorage(ArenaNames.PubSubStore);
        return silo;
    }
}
