namespace Arena.Web.Tests.Hosting;

/// <summary>One Arena.Web host with a fast simulator, shared by the tests of <see cref="ArenaCollection"/>.</summary>
public sealed class ArenaFixture : IAsyncLifetime
{
    private readonly ArenaHost _host = new(timeScale: 0.02);

    public ArenaWebFactory Factory => _host.Factory;

    public Task InitializeAsync() => _host.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ArenaCollection : ICollectionFixture<ArenaFixture>
{
    public const string Name = "Arena web host";
}
