using System.Diagnostics;
using Orleans.BroadcastChannel;
using Orleans.Concurrency;
using Orleans.Streams;

namespace Arena.Benchmarks;

/// <summary>One token-sized event: its place in the sequence and the <see cref="Stopwatch"/> timestamp taken just before it was sent.</summary>
[GenerateSerializer, Immutable]
public sealed record BenchEvent([property: Id(0)] int Sequence, [property: Id(1)] long SentAt);

/// <summary>The receiving end in the web host: what a watcher's grain observer is.</summary>
public interface IBenchEventObserver : IGrainObserver
{
    /// <summary>Takes one event.</summary>
    Task OnEventAsync(BenchEvent e);

    /// <summary>Takes one event; the caller does not wait for it.</summary>
    [OneWay]
    Task OnEventOneWayAsync(BenchEvent e);
}

/// <summary>Sends events the way a battle sends tokens: one at a time, each send awaited, from one grain turn.</summary>
public interface IBenchPublisherGrain : IGrainWithStringKey
{
    /// <summary>Sends <paramref name="count"/> events on a memory stream, <paramref name="spacing"/> apart (zero: a burst).</summary>
    Task PublishToStreamAsync(string provider, int firstSequence, int count, TimeSpan spacing);

    /// <summary>Sends the events on a broadcast channel.</summary>
    Task PublishToChannelAsync(string provider, int firstSequence, int count, TimeSpan spacing);

    /// <summary>Calls the observer once per event, with no stream in between.</summary>
    Task PublishToObserverAsync(IBenchEventObserver observer, int firstSequence, int count, TimeSpan spacing);
}

/// <summary>The broadcast channel's implicit subscriber for one channel: forwards each event to the watcher registered with it.</summary>
public interface IBenchChannelRelayGrain : IGrainWithStringKey
{
    /// <summary>Registers the watcher's observer, called one way or awaited; without one, events go to the silo's <see cref="LocalEventSink"/>.</summary>
    Task WatchAsync(IBenchEventObserver observer, bool oneWay);
}

/// <summary>The names the benchmark's silos and grains share.</summary>
public static class BenchStreamNames
{
    public const string Namespace = "bench-tokens";
    public const string Key = "battle-1";
}

/// <summary>An in-process hand-off from a grain to the silo's own receiver, possible only when the relay is activated on that silo.</summary>
public sealed class LocalEventSink
{
    private int _errors;

    public Action<BenchEvent>? Receiver { get; set; }

    /// <summary>Delivery errors the relay was told of.</summary>
    public int Errors => Volatile.Read(ref _errors);

    public void CountError() => Interlocked.Increment(ref _errors);
}

public sealed class BenchPublisherGrain(IClusterClient client) : Grain, IBenchPublisherGrain
{
    public Task PublishToStreamAsync(string provider, int firstSequence, int count, TimeSpan spacing)
    {
        var stream = this.GetStreamProvider(provider).GetStream<BenchEvent>(StreamId.Create(BenchStreamNames.Namespace, BenchStreamNames.Key));
        return SendAsync(e => stream.OnNextAsync(e), firstSequence, count, spacing);
    }

    public Task PublishToChannelAsync(string provider, int firstSequence, int count, TimeSpan spacing)
    {
        var writer = client.GetBroadcastChannelProvider(provider)
            .GetChannelWriter<BenchEvent>(ChannelId.Create(BenchStreamNames.Namespace, BenchStreamNames.Key));
        return SendAsync(writer.Publish, firstSequence, count, spacing);
    }

    public Task PublishToObserverAsync(IBenchEventObserver observer, int firstSequence, int count, TimeSpan spacing) =>
        SendAsync(observer.OnEventAsync, firstSequence, count, spacing);

    /// <summary>
    /// Sends event i at <paramref name="spacing"/> × i from the start: timers fire every few ms on a busy machine,
    /// so a late event goes at once and the average spacing holds.
    /// </summary>
    private static async Task SendAsync(Func<BenchEvent, Task> send, int firstSequence, int count, TimeSpan spacing)
    {
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var wait = spacing * i - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            await send(new BenchEvent(firstSequence + i, Stopwatch.GetTimestamp()));
        }
    }
}

[ImplicitChannelSubscription(BenchStreamNames.Namespace)]
public sealed class BenchChannelRelayGrain(LocalEventSink local) : Grain, IBenchChannelRelayGrain, IOnBroadcastChannelSubscribed
{
    private IBenchEventObserver? _observer;
    private bool _oneWay;

    public Task WatchAsync(IBenchEventObserver observer, bool oneWay)
    {
        (_observer, _oneWay) = (observer, oneWay);
        return Task.CompletedTask;
    }

    public Task OnSubscribed(IBroadcastChannelSubscription subscription)
    {
        subscription.Attach<BenchEvent>(OnPublishedAsync, _ =>
        {
            local.CountError();
            return Task.CompletedTask;
        });
        return Task.CompletedTask;
    }

    private Task OnPublishedAsync(BenchEvent e)
    {
        if (_observer is not null)
        {
            return _oneWay ? _observer.OnEventOneWayAsync(e) : _observer.OnEventAsync(e);
        }

        local.Receiver?.Invoke(e);
        return Task.CompletedTask;
    }
}
