namespace VllmSim.Tests.Infrastructure;

/// <summary>One simulator without delays, shared by the tests of a collection.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    private RunningSimulator? _server;

    public RunningSimulator Server => _server ?? throw new InvalidOperationException("Not started.");

    public HttpClient Http { get; } = new();

    public async Task InitializeAsync()
    {
        _server = await VllmSimServer.StartAsync(new SimulatorOptions { TimeScale = 0, Seed = 1 });
        Http.BaseAddress = _server.BaseAddress;
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SimulatorCollection : ICollectionFixture<SimulatorFixture>
{
    public const string Name = "simulator";
}
