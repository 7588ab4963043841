namespace Arena.Web.Hosting;

/// <summary>How the co-hosted silo joins a cluster (configuration section <c>Arena:Silo</c>).</summary>
public sealed class ProfileOptions
{
    public const string Section = "Arena:Silo";

    /// <summary>Grain state of the embedded profile when <c>ConnectionStrings:arena</c> is not set.</summary>
    public const string DefaultSqlite = "Data Source=data/arena.db";

    public string ClusterId { get; set; } = "arena";

    public string ServiceId { get; set; } = "arena";

    /// <summary>The silo-to-silo port on localhost.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>The client gateway port on localhost.</summary>
    public int GatewayPort { get; set; } = 30000;
}
