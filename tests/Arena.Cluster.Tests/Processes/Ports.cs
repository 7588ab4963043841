using System.Net;
using System.Net.Sockets;

namespace Arena.Cluster.Tests.Processes;

/// <summary>Free loopback TCP ports.</summary>
public static class Ports
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
