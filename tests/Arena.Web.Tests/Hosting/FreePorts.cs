using Arena.Tests.Shared;

namespace Arena.Web.Tests.Hosting;

/// <summary>Loopback ports nobody listens on right now, so test hosts can run side by side (<see cref="TestPorts"/>).</summary>
public static class FreePorts
{
    /// <summary>Distinct free ports, none handed out before in this process.</summary>
    public static int[] Take(int count) => TestPorts.Take(count);
}
