using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Messaging;

namespace Arena.Hosting;

/// <summary>How long a grain call that could not reach its silo is tried again (configuration section <c>Arena:Silo</c>).</summary>
public sealed class UndeliveredCallRetryOptions
{
    public const string Section = "Arena:Silo";

    /// <summary>
    /// How long a call whose message could not be delivered (the silo that holds its grain refuses connections: it
    /// died, and membership has not yet declared it dead) is sent again; zero turns the retries off. It should cover
    /// the time membership takes to declare a dead silo dead: after that the grain activates on a survivor.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan UndeliveredCallRetry { get; set; } = TimeSpan.FromSeconds(20);
}

/// <summary>
/// Sends a grain call again when its message never reached a silo: Orleans refused it because the silo that holds
/// the grain (or its directory entry) does not accept connections. Such a call ran nowhere, so sending it again is
/// safe even for a call that changes state. Without this, every request that touches a grain of a silo that just
/// died fails for the seconds until membership declares the silo dead, although a survivor could serve it then.
/// A call that may have been delivered before its silo died is sent again only if it only reads ([ReadOnly]).
/// </summary>
public sealed class UndeliveredCallRetryFilter(IOptions<UndeliveredCallRetryOptions> options, TimeProvider time, ILogger<UndeliveredCallRetryFilter> log)
    : IOutgoingGrainCallFilter
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(1);

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        var bound = options.Value.UndeliveredCallRetry;
        var started = time.GetTimestamp();
        var delay = FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            Exception? failure;
            ExceptionDispatchInfo? thrown = null;
            try
            {
                await context.Invoke();
                failure = context.Response?.Exception;
            }
            catch (Exception ex)
            {
                thrown = ExceptionDispatchInfo.Capture(ex);
                failure = ex;
            }

            if (failure is null)
            {
                return;
            }

            var elapsed = time.GetElapsedTime(started);
            if (!CanSendAgain(context, failure) || elapsed + delay > bound)
            {
                thrown?.Throw(); // it was thrown rather than answered: rethrow it as it came
                return;
            }

            log.LogInformation(
                "{Interface}.{Method} to {Grain} was not delivered ({Reason}); sending it again in {Delay} ms (attempt {Attempt}, {Elapsed} ms so far)",
                context.InterfaceName, context.MethodName, context.TargetId, failure.Message, delay.TotalMilliseconds, attempt + 1, (long)elapsed.TotalMilliseconds);
            await Task.Delay(delay, time);
            delay = delay * 2 < LongestDelay ? delay * 2 : LongestDelay;
        }
    }

    /// <summary>
    /// Whether the call may be sent again: its grain's silo is gone and it ran nowhere, or it may have run but only
    /// reads. Calls to system targets (membership's probes among them) are never sent again: their failure is the news.
    /// </summary>
    private static bool CanSendAgain(IOutgoingGrainCallContext context, Exception failure)
    {
        if (SystemTargetGrainId.IsSystemTargetGrainId(context.TargetId) || context.TargetId.IsClient())
        {
            return false;
        }

        return IsUndelivered(failure)
            || (failure is SiloUnavailableException && context.InterfaceMethod?.GetCustomAttribute<ReadOnlyAttribute>() is not null);
    }

    /// <summary>Whether <paramref name="exception"/> says the call's message could not be sent to its silo.</summary>
    public static bool IsUndelivered(Exception exception)
    {
        if (exception is not OrleansMessageRejectionException)
        {
            return false;
        }

        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is ConnectionFailedException || e.Message.Contains(nameof(ConnectionFailedException), StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
