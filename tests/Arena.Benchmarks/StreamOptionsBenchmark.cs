using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.BroadcastChannel;
using Orleans.Providers;
using Orleans.Streams;
using Orleans.TestingHost;

namespace Arena.Benchmarks;

/// <summary>
/// Ways a token could travel from a battle grain to the web host's receiver, side by side in one run, each
/// in its own in-process silo so that one option's pulling agents don't load another's figures: memory
/// streams at two pulling periods, a broadcast channel delivered to an implicitly subscribed relay grain,
/// and a direct grain-observer call as the no-streams baseline. For each: publish→receive latency for
/// events ~1 ms apart and for a burst, events lost, doubled and out of order, the process's CPU per event,
/// and its idle CPU with the option configured and nothing sent.
/// </summary>
public static class StreamOptionsBenchmark
{
    private const string MemoryStreams = "bench-memory";
    private const string Channel = "bench-channel";
    // With (a) first, its first 1–3 idle windows read 30–70% of a core before settling at ~6%; with the order
    // reversed, (a) read ~6% throughout. The cause is not known, so idle is the median of ten windows, all printed.
    private const int IdleWindows = 10;
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>One way to deliver: how its silo is configured, and how the receiver subscribes.</summary>
    private sealed record Option(string Name, string Receiver, Action<ISiloBuilder> Configure, Func<Path, Task<Publish>> SubscribeAsync);

    /// <summary>What the receiver and publisher of one option can reach in its silo.</summary>
    private sealed record Path(IClusterClient Client, IBenchPublisherGrain Publisher, EventRecorder Recorder, IBenchEventObserver Observer, LocalEventSink Sink);

    private delegate Task Publish(int firstSequence, int count, TimeSpan spacing);

    private sealed record OptionResult(Option Option, IReadOnlyList<double> IdleWindows, Phase Paced, Phase Burst, int Errors)
    {
        /// <summary>The process's CPU share of one core in the median idle window (a transient of the silo's start shows in the first).</summary>
        public double IdleCpuShare => Summary.Percentile(IdleWindows, 0.5);
    }

    /// <summary>One phase: what arrived, how long sending and receiving everything took, and the process's CPU meanwhile.</summary>
    private sealed record Phase(PhaseResult Result, TimeSpan SendTime, TimeSpan WallTime, TimeSpan Cpu);

    /// <summary>How the broadcast channel's relay grain hands an event to the watcher.</summary>
    private enum Handoff
    {
        AwaitedObserver,
        OneWayObserver,
        InProcess,
    }

    public static async Task RunAsync(int events, int burst)
    {
        Option[] options =
        [
            MemoryStreamOption("(a) memory streams, pulling period 10 ms", TimeSpan.FromMilliseconds(10)),
            MemoryStreamOption("(b) memory streams, pulling period 1 ms", TimeSpan.FromMilliseconds(1)),
            ChannelOption("(c1) broadcast, fire-and-forget", fireAndForget: true, Handoff.AwaitedObserver),
            ChannelOption("(c2) broadcast, fire-and-forget", fireAndForget: true, Handoff.OneWayObserver),
            ChannelOption("(c3) broadcast, awaited delivery", fireAndForget: false, Handoff.AwaitedObserver),
            ChannelOption("(c4) broadcast, fire-and-forget", fireAndForget: true, Handoff.InProcess),
            new("(d) grain observer, no stream", "the publisher calls the watcher's grain observer directly, each call awaited", _ => { },
                path => Task.FromResult<Publish>((first, count, spacing) => path.Publisher.PublishToObserverAsync(path.Observer, first, count, spacing))),
        ];

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Stream options: {events} events ~1 ms apart, then a burst of {burst}, one in-process silo per option ({Environment.ProcessorCount} cores)."));
        Console.WriteLine("Latency: send→receive, Stopwatch timestamps in one process. CPU: the whole process (silo, its test client, receiver).");
        // A first silo in a fresh process pays for JIT and tier-up in the background for seconds: warm every path once, unmeasured.
        foreach (var option in options)
        {
            await RunOptionAsync(option, events, burst, measure: false);
        }

        var results = new List<OptionResult>();
        foreach (var option in options)
        {
            var result = (await RunOptionAsync(option, events, burst, measure: true))!;
            results.Add(result);
            Describe(result);
        }

        Console.WriteLine();
        Console.WriteLine($"{"option",-56} {"paced p50",9} {"p99",7} {"max",7} {"burst p50",9} {"p99",7} {"max",7} {"burst ev/s",10} {"µs CPU/ev",9} {"above idle",10} {"idle CPU",8} {"lost/dup/ooo",12}");
        foreach (var r in results)
        {
            var paced = r.Paced.Result.LatenciesMs;
            var burstLatencies = r.Burst.Result.LatenciesMs;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Option.Name,-56} {Summary.Percentile(paced, 0.5),9:F2} {Summary.Percentile(paced, 0.99),7:F2} {Max(paced),7:F2} {Summary.Percentile(burstLatencies, 0.5),9:F2} {Summary.Percentile(burstLatencies, 0.99),7:F2} {Max(burstLatencies),7:F2} {EventsPerSecond(r.Burst),10:F0} {CpuPerEventUs(r.Paced),9:F1} {CpuAboveIdlePerEventUs(r.Paced, r.IdleCpuShare),10:F1} {r.IdleCpuShare,8:P1} {Faults(r),12}"));
        }

        Console.WriteLine("Latencies in ms. CPU per event from the paced phase, whole and above the idle rate; idle CPU as a share of one core.");
        Console.WriteLine("The paced phase's CPU includes the publisher's own timer wake-ups (a thousand a second): (d) is that floor.");
        Console.WriteLine("An awaited path paces its own burst (each send waits for the delivery), so its burst latency is low and its events/s is the figure to read.");
    }

    private static Option MemoryStreamOption(string name, TimeSpan period) => new(
        name,
        "the silo's IClusterClient subscribes to the stream, as BattleService.WatchFromAsync did before events moved to broadcast channels",
        silo => silo
            .AddMemoryGrainStorage(ProviderConstants.DEFAULT_PUBSUB_PROVIDER_NAME)
            .AddMemoryStreams(MemoryStreams, streams => streams.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = period))),
        async path =>
        {
            var stream = path.Client.GetStreamProvider(MemoryStreams).GetStream<BenchEvent>(StreamId.Create(BenchStreamNames.Namespace, BenchStreamNames.Key));
            await stream.SubscribeAsync((e, _) =>
            {
                path.Recorder.Record(e);
                return Task.CompletedTask;
            });
            return (first, count, spacing) => path.Publisher.PublishToStreamAsync(MemoryStreams, first, count, spacing);
        });

    private static Option ChannelOption(string name, bool fireAndForget, Handoff handoff) => new(
        name + handoff switch
        {
            Handoff.AwaitedObserver => " → observer (awaited)",
            Handoff.OneWayObserver => " → observer (one-way)",
            _ => " → in-process",
        },
        handoff switch
        {
            Handoff.AwaitedObserver => "the implicitly subscribed relay grain calls the watcher's grain observer, each call awaited",
            Handoff.OneWayObserver => "the implicitly subscribed relay grain calls the watcher's grain observer one way ([OneWay])",
            _ => "the implicitly subscribed relay grain hands each event to a singleton of its silo (only when the relay lives on the watcher's silo)",
        },
        silo => silo.AddBroadcastChannel(Channel, o => o.FireAndForgetDelivery = fireAndForget),
        async path =>
        {
            if (handoff == Handoff.InProcess)
            {
                path.Sink.Receiver = path.Recorder.Record;
            }
            else
            {
                await path.Client.GetGrain<IBenchChannelRelayGrain>(BenchStreamNames.Key).WatchAsync(path.Observer, handoff == Handoff.OneWayObserver);
            }

            return (first, count, spacing) => path.Publisher.PublishToChannelAsync(Channel, first, count, spacing);
        });

    /// <summary>Starts the option's silo, warms its path and, when <paramref name="measure"/>, measures it.</summary>
    private static async Task<OptionResult?> RunOptionAsync(Option option, int events, int burst, bool measure)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<LocalEventSink>();
            option.Configure(silo);
        });
        await using var cluster = builder.Build();
        await cluster.DeployAsync();

        // The web host is a co-hosted silo: its receiver uses the silo's own client, not the test cluster's external one.
        var services = cluster.Silos[0].SiloHost.Services;
        var client = services.GetRequiredService<IClusterClient>();
        var recorder = new EventRecorder();
        var observer = client.CreateObjectReference<IBenchEventObserver>(recorder);
        var sink = services.GetRequiredService<LocalEventSink>();
        var publish = await option.SubscribeAsync(new Path(client, client.GetGrain<IBenchPublisherGrain>(BenchStreamNames.Key), recorder, observer, sink));

        // Warm every part of the path (activations, subscriptions, JIT) outside the measurements.
        await RunPhaseAsync(recorder, publish, 0, 200, TimeSpan.Zero);
        await RunPhaseAsync(recorder, publish, 1_000, 50, TimeSpan.FromMilliseconds(1));
        if (!measure)
        {
            return null;
        }

        var idleCpu = await IdleCpuSharesAsync();
        var paced = await RunPhaseAsync(recorder, publish, 1_000_000, events, TimeSpan.FromMilliseconds(1));
        var burstPhase = await RunPhaseAsync(recorder, publish, 2_000_000, burst, TimeSpan.Zero);
        GC.KeepAlive(recorder);
        return new OptionResult(option, idleCpu, paced, burstPhase, sink.Errors);
    }

    private static async Task<Phase> RunPhaseAsync(EventRecorder recorder, Publish publish, int first, int count, TimeSpan spacing)
    {
        recorder.Expect(first, count);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await publish(first, count, spacing);
        var sendTime = clock.Elapsed;
        var result = await recorder.CompleteAsync(Patience);
        return new Phase(result, sendTime, clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu);
    }

    /// <summary>The process's CPU share of one core in each of a few windows with nothing sent.</summary>
    private static async Task<double[]> IdleCpuSharesAsync()
    {
        // Let start-up and warm-up work (background JIT, membership, the last deliveries) finish first.
        await Task.Delay(Settle);
        GC.Collect();
        var shares = new double[IdleWindows];
        for (var i = 0; i < shares.Length; i++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            await Task.Delay(IdleWindow);
            shares[i] = (Process.GetCurrentProcess().TotalProcessorTime - cpu) / clock.Elapsed;
        }

        return shares;
    }

    private static void Describe(OptionResult r)
    {
        Console.WriteLine();
        Console.WriteLine(r.Option.Name);
        Console.WriteLine($"    receiver: {r.Option.Receiver}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    idle      {r.IdleCpuShare:P1} of a core with nothing sent, median of 1 s windows ({string.Join(", ", r.IdleWindows.Select(w => w.ToString("P1", CultureInfo.InvariantCulture)))})"));
        Console.WriteLine(Line("paced", r.Paced, r.IdleCpuShare));
        Console.WriteLine(Line("burst", r.Burst, r.IdleCpuShare));
        if (r.Errors > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    delivery errors reported to the relay: {r.Errors}"));
        }
    }

    private static string Line(string name, Phase phase, double idleCpuShare)
    {
        var latencies = phase.Result.LatenciesMs;
        return string.Create(CultureInfo.InvariantCulture,
            $"""
                {name,-9} {phase.Result.Sent} sent in {phase.SendTime.TotalMilliseconds:F0} ms, all received after {phase.WallTime.TotalMilliseconds:F0} ms ({EventsPerSecond(phase):F0} events/s)
                          p50 {Summary.Percentile(latencies, 0.5):F3} ms, p99 {Summary.Percentile(latencies, 0.99):F3} ms, p99.9 {Summary.Percentile(latencies, 0.999):F3} ms, max {Max(latencies):F3} ms; lost {phase.Result.Lost}, duplicated {phase.Result.Duplicates}, out of order {phase.Result.OutOfOrder}
                          CPU {CpuPerEventUs(phase):F1} µs/event, {CpuAboveIdlePerEventUs(phase, idleCpuShare):F1} µs/event above the idle rate
            """);
    }

    private static double EventsPerSecond(Phase phase) => (phase.Result.Sent - phase.Result.Lost) / phase.WallTime.TotalSeconds;

    private static double CpuPerEventUs(Phase phase) => phase.Cpu.TotalMicroseconds / phase.Result.Sent;

    /// <summary>The phase's CPU less what the process spends idle over the same wall time, per event.</summary>
    private static double CpuAboveIdlePerEventUs(Phase phase, double idleCpuShare) =>
        (phase.Cpu - phase.WallTime * idleCpuShare).TotalMicroseconds / phase.Result.Sent;

    private static double Max(IReadOnlyList<double> values) => values.Count == 0 ? double.NaN : values.Max();

    private static string Faults(OptionResult r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Paced.Result.Lost + r.Burst.Result.Lost}/{r.Paced.Result.Duplicates + r.Burst.Result.Duplicates}/{r.Paced.Result.OutOfOrder + r.Burst.Result.OutOfOrder}");
}
