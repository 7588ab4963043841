namespace Arena.Web.Hosting;

/// <summary>How the co-hosted silo joins a cluster (configuration section <c>Arena:Silo</c>).</summary>
public sealed class ProfileOptions
{
    public const string Section = "Arena:Silo";

    /// <summary>The key naming the profile: <c>embedded</c> (the default) or <c>cluster</c>.</summary>
    public const string ProfileKey = "Arena:Profile";

    public const string Embedded = "embedded";

    public const string Cluster = "cluster";

    /// <summary>The connection string name: SQLite in the embedded profile, PostgreSQL in the cluster profile.</summary>
    public const string ConnectionStringName = "arena";

    /// <summary>Grain state of the embedded profile when <c>ConnectionStrings:arena</c> is not set.</summary>
    public const string DefaultSqlite = "Data Source=data/arena.db";

    /// <summary>Cluster profile: Orleans' membership settings (probe timeout, missed probes, votes), bound when present.</summary>
    public const string MembershipSection = "Orleans:Membership";

    /// <summary>The role web silos advertise in <c>arena.role</c>.</summary>
    public const string WebRole = "web";

    public string ClusterId { get; set; } = "arena";

    /// <summary>True for the cluster profile, false for the embedded one (the default); any other name is refused.</summary>
    public static bool IsCluster(IConfiguration configuration)
    {
        var profile = configuration[ProfileKey];
        if (string.IsNullOrWhiteSpace(profile) || string.Equals(profile, Embedded, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return string.Equals(profile, Cluster, StringComparison.OrdinalIgnoreCase)
            ? true
            : throw new InvalidOperationException($"{ProfileKey}: '{profile}' is not a profile; use '{Embedded}' (the default) or '{Cluster}'.");
    }

    public string ServiceId { get; set; } = "arena";

    /// <summary>The silo-to-silo port (on localhost in the embedded profile).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>The client gateway port (on localhost in the embedded profile).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Cluster profile: the address other silos reach this one at (the machine's address in production).</summary>
    public string AdvertisedIp { get; set; } = "127.0.0.1";

    /// <summary>Cluster profile: listen on every interface rather than only on <see cref="AdvertisedIp"/>.</summary>
    public bool ListenOnAnyHostAddress { get; set; }
}
