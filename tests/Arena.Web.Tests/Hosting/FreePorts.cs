using System.Net;
using System.Net.Sockets;

namespace Arena.Web.Tests.Hosting;

/// <summary>Loopback ports nobody listens on right now, so test hosts can run side by side.</summary>
public static class FreePorts
{
    private static readonly HashSet<int> Given = [];

    /// <summary>
    /// Distinct free ports, none handed out before in this process: a port one host was given but has not bound yet
    /// (or has let go) is not given to another.
    /// </summary>
    public static int[] Take(int count)
    {
        var ports = new List<int>(count);
        while (ports.Count < count)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            lock (Given)
            {
                if (Given.Add(port))
                {
                    ports.Add(port);
                }
            }
        }

        return [.. ports];
    }
}
