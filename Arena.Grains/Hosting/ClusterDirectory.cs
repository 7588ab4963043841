using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace Arena.Hosting;

/// <summary>The grain directory of a cluster of several silos.</summary>
public static class ClusterDirectory
{
    /// <summary>Orleans' grain directory settings (<c>RangeLeaseDuration</c>).</summary>
    public const string Section = "Orleans:GrainDirectory";

    /// <summary>
    /// Orleans' distributed grain directory, which rebuilds a dead silo's share of grain locations by asking the
    /// survivors. The default directory instead deactivates every activation the dead silo had registered, once
    /// membership declares it dead: a web silo's death then ends answers streaming from healthy GPU nodes and battles
    /// running on the other web silos. Every silo of a cluster must use the same directory. A single silo (the
    /// embedded profile) keeps the default: nothing can die under it, and its start path is shorter.
    /// </summary>
    public static ISiloBuilder AddArenaClusterDirectory(this ISiloBuilder silo)
    {
#pragma warning disable ORLEANSEXP003 // experimental in Orleans 10; what it buys is tested (SurvivorActivationTests)
        silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003

        // That directory then holds the dead silo's grains back for RangeLeaseDuration (Orleans: 30 s from the failure)
        // in case the silo still runs them. Arena's durable state refuses a second activation's writes (grain state
        // versions, the ledger's writer epoch), so by default they activate on a survivor as soon as the silo is
        // declared dead: a user's session and the leaderboard are back in seconds, not half a minute.
        silo.Services.Configure<GrainDirectoryOptions>(o => o.RangeLeaseDuration = TimeSpan.Zero);
        silo.Services.AddOptions<GrainDirectoryOptions>().BindConfiguration(Section);
        return silo;
    }
}
