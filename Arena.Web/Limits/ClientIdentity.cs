using System.Net;
using System.Net.Sockets;
using Arena.Web.Sessions;

namespace Arena.Web.Limits;

/// <summary>Who a request comes from, as the limits see it: the client's address partition and its session.</summary>
/// <param name="Address">The client address partition (see <see cref="PartitionOf"/>).</param>
/// <param name="SessionId">The session id.</param>
public sealed record ClientIdentity(string Address, string SessionId)
{
    /// <summary>The partition of a request without a peer address (an in-memory test server, say).</summary>
    public const string UnknownAddress = "unknown";

    /// <summary>The request's identity: its peer address after forwarded-header processing, and its session.</summary>
    public static ClientIdentity Of(HttpContext context) => new(PartitionOf(context.Connection.RemoteIpAddress), context.GetSessionId());

    /// <summary>
    /// The partition an address is limited in: an IPv4 address itself (IPv4-mapped IPv6 too), and an IPv6
    /// address's /64 prefix, since one subscriber is given a whole /64 and can pick any address in it.
    /// </summary>
    public static string PartitionOf(IPAddress? address)
    {
        if (address is null)
        {
            return UnknownAddress;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
