namespace Arena.Storage;

/// <summary>
/// Writes a grain's state one write at a time. Grains whose answers stream in tasks of their own (battles,
/// assistant conversations) save from several of them at once; storage providers expect one write at a time.
/// </summary>
public sealed class StateWriter<TState>(IPersistentState<TState> state)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task WriteAsync()
    {
        await _gate.WaitAsync();
        try
        {
            await state.WriteStateAsync();
        }
        finally
        {
            _gate.Release();
        }
    }
}
