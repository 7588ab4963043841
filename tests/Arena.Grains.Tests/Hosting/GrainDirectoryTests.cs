using Arena.Grains.Tests.Battles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Arena.Grains.Tests.Hosting;

/// <summary>
/// A cluster's silos use the directory that survives a silo's death without deactivating the survivors' grains, and
/// lets the dead silo's grains activate again at once (their writes are fenced by the database, not by a lease). The
/// fixture's silos are configured as the cluster profile's are; what this buys is shown for real processes by
/// SurvivorActivationTests and the fault drill.
/// </summary>
[Collection(HealthyArenaCollection.Name)]
public sealed class GrainDirectoryTests(HealthyArenaFixture arena)
{
    [Fact]
    public void AddArenaClusterDirectory_EverySilo_UsesTheDistributedDirectoryWithNoLeaseAfterASiloDies()
    {
        foreach (var silo in arena.Cluster.Silos)
        {
            var services = silo.SiloHost.Services;
            var distributed = typeof(GrainDirectoryOptions).Assembly.GetType("Orleans.Runtime.GrainDirectory.DistributedGrainDirectory", throwOnError: true)!;
            Assert.NotNull(services.GetService(distributed));
            Assert.Equal(TimeSpan.Zero, services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value.RangeLeaseDuration);
        }
    }
}
