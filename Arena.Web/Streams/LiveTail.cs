using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Arena.Web.Streams;

/// <summary>
/// The live part of a watch: events as they arrive on the watcher's channel, until <c>done</c> says the watch is over.
/// When nothing arrives for <c>idle</c>, the transcript is read again (<c>reread</c>), since an event may have been
/// lost on the way; the wait for the next live event goes on meanwhile.
/// </summary>
public static class LiveTail
{
    public static async IAsyncEnumerable<TOut> FollowAsync<TEvent, TOut>(
        ChannelReader<TEvent> live,
        Func<bool> done,
        Func<TEvent, IAsyncEnumerable<TOut>> onEvent,
        Func<IAsyncEnumerable<TOut>> reread,
        TimeSpan idle,
        TimeProvider time,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Task<bool>? arrival = null;
        while (!done())
        {
            arrival ??= live.WaitToReadAsync(cancellationToken).AsTask();
            if (!await arrival.CompletesWithinAsync(idle, time))
            {
                await foreach (var missed in reread())
                {
                    yield return missed;
                }

                continue;
            }

            if (!await arrival)
            {
                yield break;
            }

            arrival = null;
            while (!done() && live.TryRead(out var e))
            {
                await foreach (var fresh in onEvent(e))
                {
                    yield return fresh;
                }
            }
        }
    }
}
