using System.Net;
using Arena.Web.Tests.Api;

namespace Arena.Web.Tests.Hosting;

/// <summary>Arena.Web as it starts by default, with its embedded simulator, under WebApplicationFactory.</summary>
public sealed class EmbeddedSimulatorTests : IAsyncLifetime
{
    private readonly ArenaHost _host = new(timeScale: 0.02);

    public Task InitializeAsync() => _host.StartAsync();

    [Fact]
    public async Task WebApplicationFactory_EmbeddedSimulatorEnabled_HostsArenaApi()
    {
        // Regression: Program used to start VllmSim (a host of its own) before building Arena's, and
        // WebApplicationFactory, which takes the first host the entry point builds, served the simulator.
        using var http = _host.Factory.CreateSessionClient();

        using var response = await http.GetAsync("/api/models");

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /api/models answered {(int)response.StatusCode}; the factory is not hosting Arena.");
        var models = ArenaApi.Parse<ModelsView>(await response.Content.ReadAsStringAsync());
        Assert.True(models.Models.Count(m => m.InArena) >= 2, "The embedded simulator's models are not in the arena.");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
