using System.Net;
using System.Threading.RateLimiting;
using Arena.Web.Limits;
using Microsoft.Extensions.Options;

namespace Arena.Web.Sessions;

/// <summary>
/// Counts the sessions minted per client address in fixed one-minute windows (a partitioned limiter of the
/// platform's System.Threading.RateLimiting). Addresses count by their partition (<see cref="ClientIdentity.PartitionOf"/>: IPv6 per /64).
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
            ? RateLimitPartition.GetFixedWindowLimiter(ClientIdentity.PartitionOf(address), _ => new FixedWindowRateLimiterOptions
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

    public void Dispose() => _limiter.Dispose();
}
