namespace Arena.Web.Tests.Hosting;

/// <summary>An Arena.Web host whose simulator is so slow that a new battle is still streaming for many seconds.</summary>
public sealed class SlowArenaFixture : IAsyncLifetime
{
    private readonly ArenaHost _host = new(timeScale: 50);

    public ArenaWebFactory Factory => _host.Factory;

    public Task InitializeAsync() => _host.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
