using System.Net;
using System.Net.Sockets;

namespace Arena.Web.Tests.Hosting;

/// <summary>Loopback ports nobody listens on right now, so test hosts can run side by side.</summary>
public static class FreePorts
{
    /// <summary>Distinct free ports; all are held open together, so two calls cannot return the same one.</summary>
    public static int[] Take(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }

            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }
}
