using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Arena.Web.Limits;
using Microsoft.Extensions.Options;

namespace Arena.Web.Sessions;

/// <summary>
/// Counts the sessions minted per client address in fixed one-minute windows (a partitioned limiter of the
/// platform's System.Threading.RateLimiting). IPv6 addresses count per /64, the block one subscriber gets.
/// </summary>
public sealed class NewSessionLimiter : IDisposable
{
    /// <summary>The window <see cref="RateLimitOptions.NewSessionsPerMinute"/> counts in.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<IPAddress?> _limiter;

    public NewSessionLimiter(IOptions<RateLimitOptions> options)
    {
        var settings = options.Value;
        Limit = settings.NewSessionsPerMinute;
        _limiter = PartitionedRateLimiter.Create<IPAddress?, string>(address => settings.Enabled
            ? RateLimitPartition.GetFixedWindowLimiter(PartitionKey(address), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = settings.NewSessionsPerMinute,
                Window = Window,
                QueueLimit = 0,
                AutoReplenishment = true,
            })
            : RateLimitPartition.GetNoLimiter(""));
    }

    /// <summary>New sessions per address per window.</summary>
    public int Limit { get; }

    /// <summary>Takes one new session from the address's allowance; when refused, how long until the next is allowed.</summary>
    public (bool Allowed, TimeSpan RetryAfter) TryMint(IPAddress? address)
    {
        using var lease = _limiter.AttemptAcquire(address);
        if (lease.IsAcquired)
        {
            return (true, TimeSpan.Zero);
        }

        return (false, lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : Window);
    }

    /// <summary>
    /// The partition an address counts in: IPv4 (also when mapped into IPv6) by address, IPv6 by its /64 prefix,
    /// and requests without an address (no TCP peer, e.g. an in-memory test server) all in one.
    /// </summary>
    public static string PartitionKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
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

    public void Dispose() => _limiter.Dispose();
}
