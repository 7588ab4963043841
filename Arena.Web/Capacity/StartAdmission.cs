using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Arena.Web.Capacity;

/// <summary>
/// Admits battle and chat starts up to <see cref="CapacityOptions.StartsInFlight"/> at once (a concurrency limiter
/// with no queue); a start past it is refused at once, as Unavailable with a retry time.
/// </summary>
public sealed class StartAdmission : IDisposable
{
    private readonly ConcurrencyLimiter? _limiter;
    private readonly CapacityOptions _options;

    public StartAdmission(IOptions<CapacityOptions> options)
    {
        _options = options.Value;
        if (_options.StartsInFlight > 0)
        {
            _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = _options.StartsInFlight, QueueLimit = 0 });
        }
    }

    /// <summary>Takes a place for one start, given back when the returned lease is disposed; throws Unavailable when none is free.</summary>
    public IDisposable Admit()
    {
        if (_limiter is null)
        {
            return NoLease.Instance;
        }

        var lease = _limiter.AttemptAcquire();
        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        throw ArenaException.Unavailable(
            $"Arena is busy: it is starting {_options.StartsInFlight} battles or chats at this moment, the most it takes at once "
            + $"(Arena:Capacity:StartsInFlight). Try again in {Limits.RetryAfter.WholeSeconds(_options.BusyRetryAfter)} s.",
            _options.BusyRetryAfter);
    }

    public void Dispose() => _limiter?.Dispose();

    private sealed class NoLease : IDisposable
    {
        public static readonly NoLease Instance = new();

        public void Dispose()
        {
        }
    }
}
