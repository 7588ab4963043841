namespace Arena.Silo.Hosting;

/// <summary>How this silo joins the cluster (configuration section <c>Arena:Silo</c>, shared with Arena.Web).</summary>
public sealed class SiloHostOptions
{
    public const string Section = "Arena:Silo";

    /// <summary>The profile key; a GPU-node silo only runs in the <c>cluster</c> profile.</summary>
    public const string ProfileKey = "Arena:Profile";

    /// <summary>Orleans' membership settings (probe timeout, missed probes, votes), bound when present.</summary>
    public const string MembershipSection = "Orleans:Membership";

    public string ClusterId { get; set; } = "arena";

    public string ServiceId { get; set; } = "arena";

    /// <summary>The silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>The client gateway port.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos reach this one at: the machine's address in production.</summary>
    public string AdvertisedIp { get; set; } = "127.0.0.1";

    /// <summary>Listen on every interface rather than only on <see cref="AdvertisedIp"/> (e.g. behind NAT).</summary>
    public bool ListenOnAnyHostAddress { get; set; }
}
