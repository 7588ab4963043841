using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Arena.Web.Streams;

/// <summary>
/// The live part of a watch: events as they arrive on the watcher's channel, each accepted by the watcher's cursor,
/// until <c>done</c> says the watch is over. An event with a gap before it (<c>hasGapBefore</c>) first has the
/// transcript read again (<c>catchUp</c>); so does a silence of <c>idle</c>, since an event may have been lost on the
/// way. The wait for the next live event goes on meanwhile.
/// </summary>
public static class LiveTail
{
    public static async IAsyncEnumerable<TOut> FollowAsync<TEvent, TOut>(
        ChannelReader<TEvent> live,
        Func<bool> done,
        Func<TEvent, bool> hasGapBefore,
        Func<TEvent, TOut?> accept,
        Func<Task<IEnumerable<TOut>>> catchUp,
        TimeSpan idle,
        TimeProvider time,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TOut : class
    {
        Task<bool>? arrival = null;
        while (!done())
        {
            arrival ??= live.WaitToReadAsync(cancellationToken).AsTask();
            if (!await arrival.CompletesWithinAsync(idle, time))
            {
                foreach (var missed in await catchUp())
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
                if (hasGapBefore(e))
                {
                    foreach (var missed in await catchUp())
                    {
                        yield return missed;
                    }
                }

                if (accept(e) is { } fresh)
                {
                    yield return fresh;
                }
            }
        }
    }
}
