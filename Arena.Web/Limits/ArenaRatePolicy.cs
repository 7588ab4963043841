using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Arena.Web.Limits;

/// <summary>The rate-limiter policy of one action's endpoints: partitioned by client address and session, counted by <see cref="ArenaRateLimiter"/>.</summary>
internal sealed class ArenaRatePolicy(LimitedAction action, ArenaRateLimiter gate, TimeProvider time) : IRateLimiterPolicy<ClientIdentity>
{
    private static readonly ClientIdentity Everyone = new("", "");

    /// <summary>Refusals are written by <see cref="RateLimitExtensions"/>' OnRejected, the same for every policy.</summary>
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => null;

    public RateLimitPartition<ClientIdentity> GetPartition(HttpContext httpContext)
    {
        // Limits off: one partition for everyone, so the middleware keeps no limiter per client.
        return gate.Enabled
            ? RateLimitPartition.Get(ClientIdentity.Of(httpContext), key => new GateLimiter(gate, action, key, time))
            : RateLimitPartition.GetNoLimiter(Everyone);
    }
}
