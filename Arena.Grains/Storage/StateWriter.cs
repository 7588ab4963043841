namespace Arena.Storage;

/// <summary>
/// Writes a grain's state one write at a time. Grains whose answers stream in tasks of their own (battles,
/// assistant conversations) save from several of them at once; storage providers expect one write at a time.
/// With <see cref="StateWriteOptions"/>, a write that fails is tried again after a doubling delay; each attempt
/// writes the state as it is then. A failed write leaves the grain's version (ETag) as it was, so a retry, or any
/// later write, expects the version the database still holds. A version conflict is never retried: another
/// activation wrote, and writing again cannot help.
/// </summary>
public sealed class StateWriter<TState>(IPersistentState<TState> state, StateWriteOptions? retry = null, TimeProvider? time = null)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Writes the state; <paramref name="failed"/> hears of each failed attempt that is retried.</summary>
    public async Task WriteAsync(Action<Exception, int>? failed = null)
    {
        await _gate.WaitAsync();
        try
        {
            var attempts = retry?.WriteAttempts ?? 1;
            var delay = retry?.WriteRetryDelay ?? TimeSpan.Zero;
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await state.WriteStateAsync();
                    return;
                }
                catch (Exception ex) when (attempt < attempts && !StorageConflicts.Is(ex))
                {
                    failed?.Invoke(ex, attempt);
                }

                await Task.Delay(delay, time ?? TimeProvider.System);
                delay *= 2;
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
