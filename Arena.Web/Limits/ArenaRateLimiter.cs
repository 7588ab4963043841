using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Arena.Web.Limits;

/// <summary>
/// The one gate every limited action passes, over HTTP (the rate-limiter middleware's policies) and in the
/// Blazor UI (the components) alike: for each action a partitioned limiter per session and one per client
/// address (sliding windows; a concurrency limiter for open event streams). With
/// <see cref="RateLimitOptions.Enabled"/> false it grants everything.
/// </summary>
public sealed class ArenaRateLimiter : IDisposable
{
    /// <summary>How many segments a sliding window moves in; a refusal's retry time is at most one segment past the window's turn.</summary>
    public const int SegmentsPerWindow = 6;

    /// <summary>The wait a refused event stream is told: streams end when their battle or turn does.</summary>
    public static readonly TimeSpan StreamRetry = TimeSpan.FromSeconds(5);

    private readonly Dictionary<LimitedAction, Limiters> _limiters = [];

    public ArenaRateLimiter(IOptions<RateLimitOptions> options)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        foreach (var action in LimitedActions.All)
        {
            _limiters[action] = action == LimitedAction.EventStream
                ? Limiters.Concurrent(settings.EventStreams)
                : Limiters.Windowed(settings.RuleFor(action));
        }
    }

    /// <summary>Whether any limit applies.</summary>
    public bool Enabled => _limiters.Count > 0;

    /// <summary>
    /// Takes one permit for <paramref name="action"/> from the session's limiter and then the address's. A refused
    /// lease (not acquired) carries the reason and the retry time; dispose a granted one when the action ends
    /// (it matters for event streams, whose permits come back).
    /// </summary>
    public RateLimitLease Acquire(LimitedAction action, ClientIdentity who)
    {
        if (!_limiters.TryGetValue(action, out var limiters))
        {
            return GrantedLease.Free;
        }

        var session = limiters.BySession?.AttemptAcquire(who);
        if (session is { IsAcquired: false })
        {
            return Refuse(action, "this session", limiters.SessionLimit, limiters, session);
        }

        var address = limiters.ByAddress?.AttemptAcquire(who);
        if (address is { IsAcquired: false })
        {
            session?.Dispose();
            return Refuse(action, "this address", limiters.AddressLimit, limiters, address);
        }

        return new GrantedLease(session, address);
    }

    /// <summary>Takes a permit for an action that is over once it starts (everything but event streams); throws TooManyRequests when refused.</summary>
    public void Ensure(LimitedAction action, ClientIdentity who)
    {
        using var lease = Acquire(action, who);
        if (!lease.IsAcquired)
        {
            throw Refusal(lease);
        }
    }

    /// <summary>The refusal a lease that was not acquired stands for.</summary>
    public static ArenaException Refusal(RateLimitLease lease) => ArenaException.TooManyRequests(
        lease.TryGetMetadata(MetadataName.ReasonPhrase, out var reason) && reason is not null ? reason : "Too many requests; try again later.",
        lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : (TimeSpan?)null);

    public void Dispose()
    {
        foreach (var limiters in _limiters.Values)
        {
            limiters.BySession?.Dispose();
            limiters.ByAddress?.Dispose();
        }
    }

    private static RefusedLease Refuse(LimitedAction action, string from, int limit, Limiters limiters, RateLimitLease refused)
    {
        using (refused)
        {
            if (limiters.Window is not { } window)
            {
                return new RefusedLease(
                    $"Too many {action.Describe()} from {from}: at most {limit} at once. Close one and try again.", StreamRetry);
            }

            // The window limiter's own retry time when it gives one; otherwise the next segment's turn.
            var wait = refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero
                ? retryAfter
                : window / SegmentsPerWindow;
            return new RefusedLease(
                $"Too many {action.Describe()} from {from}: at most {limit} {RetryAfter.Describe(window)}. Try again in {RetryAfter.WholeSeconds(wait)} s.",
                wait);
        }
    }

    /// <summary>An action's limiters: per session and per address (null where that side has no limit), and the window of a rate rule.</summary>
    private sealed record Limiters(
        PartitionedRateLimiter<ClientIdentity>? BySession, int SessionLimit,
        PartitionedRateLimiter<ClientIdentity>? ByAddress, int AddressLimit,
        TimeSpan? Window)
    {
        public static Limiters Windowed(RateRule rule) => new(
            Sliding(rule.PerSession, rule.Window, who => who.SessionId), rule.PerSession,
            Sliding(rule.PerAddress, rule.Window, who => who.Address), rule.PerAddress,
            rule.Window);

        public static Limiters Concurrent(ConcurrencyRule rule) => new(
            Concurrency(rule.PerSession, who => who.SessionId), rule.PerSession,
            Concurrency(rule.PerAddress, who => who.Address), rule.PerAddress,
            null);

        private static PartitionedRateLimiter<ClientIdentity>? Sliding(int limit, TimeSpan window, Func<ClientIdentity, string> key) =>
            limit <= 0 ? null : PartitionedRateLimiter.Create<ClientIdentity, string>(who => RateLimitPartition.GetSlidingWindowLimiter(key(who), _ =>
                new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = limit,
                    Window = window,
                    SegmentsPerWindow = SegmentsPerWindow,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));

        private static PartitionedRateLimiter<ClientIdentity>? Concurrency(int limit, Func<ClientIdentity, string> key) =>
            limit <= 0 ? null : PartitionedRateLimiter.Create<ClientIdentity, string>(who => RateLimitPartition.GetConcurrencyLimiter(key(who), _ =>
                new ConcurrencyLimiterOptions { PermitLimit = limit, QueueLimit = 0 }));
    }
}
