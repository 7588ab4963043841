namespace VllmSim.Scheduling;

/// <summary>One model's engine slots: at most MaxNumSeqs generate at once and MaxWaiting wait; more are refused.</summary>
internal sealed class ModelScheduler(int maxNumSeqs, int maxWaiting) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, maxNumSeqs));
    private readonly Lock _gate = new();
    private int _running;
    private int _waiting;
    private int _admitted;

    public int Running => Volatile.Read(ref _running);

    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Waits for a slot; returns null at once when the waiting queue is full.</summary>
    public async Task<IDisposable?> TryEnterAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            if (_admitted >= Math.Max(1, maxNumSeqs) + Math.Max(0, maxWaiting))
            {
                return null;
            }

            _admitted++;
            _waiting++;
        }

        try
        {
            await _slots.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            lock (_gate)
            {
                _admitted--;
            }

            throw;
        }
        finally
        {
            lock (_gate)
            {
                _waiting--;
            }
        }

        Interlocked.Increment(ref _running);
        return new Lease(this);
    }

    public void Dispose() => _slots.Dispose();

    private void Release()
    {
        Interlocked.Decrement(ref _running);
        lock (_gate)
        {
            _admitted--;
        }

        _slots.Release();
    }

    private sealed class Lease(ModelScheduler owner) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release();
            }
        }
    }
}
