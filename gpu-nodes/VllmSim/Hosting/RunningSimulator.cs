namespace VllmSim;

/// <summary>A simulator listening on <see cref="BaseAddress"/>; dispose it to stop.</summary>
public sealed class RunningSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    internal RunningSimulator(WebApplication app, Uri baseAddress, SimulatorOptions options)
    {
        _app = app;
        BaseAddress = baseAddress;
        Options = options;
    }

    /// <summary>The bound address without <c>/v1</c>, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The options the simulator runs with.</summary>
    public SimulatorOptions Options { get; }

    /// <summary>The OpenAI-compatible endpoint, <see cref="BaseAddress"/> + <c>/v1</c>.</summary>
    public Uri OpenAIEndpoint => new(BaseAddress, "/v1");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
