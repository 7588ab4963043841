using System.Diagnostics;

namespace Arena.Benchmarks;

/// <summary>What arrived of one phase's events: latencies from send to receipt, and what was lost, doubled or out of order.</summary>
public sealed record PhaseResult(int Sent, int Lost, int Duplicates, int OutOfOrder, IReadOnlyList<double> LatenciesMs);

/// <summary>
/// The receiver: records each event's latency from its send timestamp (both <see cref="Stopwatch"/> timestamps
/// in one process) and counts, from what arrived, the events lost, duplicated and out of order.
/// </summary>
public sealed class EventRecorder : IBenchEventObserver
{
    private readonly Lock _gate = new();
    private readonly List<double> _latenciesMs = [];
    private readonly HashSet<int> _seen = [];
    private TaskCompletionSource _complete = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _first;
    private int _count;
    private int _highest;
    private int _duplicates;
    private int _outOfOrder;

    /// <summary>Starts a phase: events <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> − 1; others are ignored.</summary>
    public void Expect(int first, int count)
    {
        lock (_gate)
        {
            _latenciesMs.Clear();
            _seen.Clear();
            _complete = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            (_first, _count, _highest, _duplicates, _outOfOrder) = (first, count, first - 1, 0, 0);
        }
    }

    public Task OnEventAsync(BenchEvent e)
    {
        Record(e);
        return Task.CompletedTask;
    }

    public Task OnEventOneWayAsync(BenchEvent e) => OnEventAsync(e);

    public void Record(BenchEvent e)
    {
        var latencyMs = Stopwatch.GetElapsedTime(e.SentAt).TotalMilliseconds;
        lock (_gate)
        {
            if (e.Sequence < _first || e.Sequence >= _first + _count)
            {
                return; // a straggler from an earlier phase
            }

            if (!_seen.Add(e.Sequence))
            {
                _duplicates++;
                return;
            }

            if (e.Sequence < _highest)
            {
                _outOfOrder++;
            }

            _highest = Math.Max(_highest, e.Sequence);
            _latenciesMs.Add(latencyMs);
            if (_seen.Count == _count)
            {
                _complete.TrySetResult();
            }
        }
    }

    /// <summary>Waits until every event of the phase arrived, or <paramref name="patience"/> passed, and reports what arrived.</summary>
    public async Task<PhaseResult> CompleteAsync(TimeSpan patience)
    {
        Task complete;
        lock (_gate)
        {
            complete = _complete.Task;
        }

        await Task.WhenAny(complete, Task.Delay(patience));
        lock (_gate)
        {
            return new PhaseResult(_count, _count - _seen.Count, _duplicates, _outOfOrder, [.. _latenciesMs]);
        }
    }
}
