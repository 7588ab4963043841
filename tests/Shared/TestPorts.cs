using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Arena.Tests.Shared;

/// <summary>
/// Free loopback ports for test hosts to bind later. They are drawn from below the kernel's ephemeral range, so no
/// outgoing connection and no listener on port 0 can be given one meanwhile (a port from the ephemeral range,
/// checked free and released, was at times taken by a client socket before the host bound it), and none is handed
/// out twice in a process. Shared, as a linked source file, by the projects that start hosts.
/// </summary>
public static class TestPorts
{
    private const int Span = 12_000;
    private static readonly HashSet<int> Given = [];
    private static readonly (int Low, int High) Range = FixedRange();

    /// <summary>Distinct ports nobody listens on now, none given out before by this process.</summary>
    public static int[] Take(int count)
    {
        var ports = new List<int>(count);
        while (ports.Count < count)
        {
            var port = Random.Shared.Next(Range.Low, Range.High);
            lock (Given)
            {
                if (Given.Contains(port) || !IsFree(port))
                {
                    continue;
                }

                Given.Add(port);
            }

            ports.Add(port);
        }

        return [.. ports];
    }

    /// <summary>One port, as <see cref="Take"/> gives them.</summary>
    public static int Take() => Take(1)[0];

    /// <summary>True when nobody listens on loopback <paramref name="port"/> now.</summary>
    public static bool IsFree(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false; // in use: another candidate is drawn
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>The ports below the ephemeral range (Linux's <c>ip_local_port_range</c>; 32768 where it cannot be read).</summary>
    private static (int Low, int High) FixedRange()
    {
        var ephemeralLow = 32_768;
        const string Path = "/proc/sys/net/ipv4/ip_local_port_range";
        if (File.Exists(Path)
            && int.TryParse(File.ReadAllText(Path).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0], NumberStyles.None, CultureInfo.InvariantCulture, out var low))
        {
            ephemeralLow = low;
        }

        var high = Math.Max(ephemeralLow, 1_024 + Span);
        return (high - Span, high);
    }
}
