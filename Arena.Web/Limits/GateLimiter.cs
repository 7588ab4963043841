using System.Threading.RateLimiting;

namespace Arena.Web.Limits;

/// <summary>
/// The rate-limiter middleware's view of one (action, client) partition: every permit is taken from the shared
/// <see cref="ArenaRateLimiter"/>, so HTTP and the UI draw on the same counts. It holds no permits itself, so the
/// middleware may drop it whenever it reports itself idle.
/// </summary>
internal sealed class GateLimiter(ArenaRateLimiter gate, LimitedAction action, ClientIdentity who, TimeProvider time) : RateLimiter
{
    private long _lastUsed = time.GetTimestamp();

    public override TimeSpan? IdleDuration => time.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        Interlocked.Exchange(ref _lastUsed, time.GetTimestamp());
        return gate.Acquire(action, who);
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));
}
