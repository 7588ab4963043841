using Arena.Tests.Shared;

namespace Arena.Cluster.Tests.Processes;

/// <summary>Free loopback TCP ports (<see cref="TestPorts"/>).</summary>
public static class Ports
{
    public static int Free() => TestPorts.Take();
}
