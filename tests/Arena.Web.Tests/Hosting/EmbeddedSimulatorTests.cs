using System.Net;
using Arena.Web.Tests.Api;
using Microsoft.Data.Sqlite;

namespace Arena.Web.Tests.Hosting;

/// <summary>Arena.Web as it starts by default: with its embedded simulator, under WebApplicationFactory.</summary>
public sealed class EmbeddedSimulatorTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "arena-web-tests-" + Guid.NewGuid().ToString("N"));
    private ArenaWebFactory? _factory;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task WebApplicationFactory_EmbeddedSimulatorEnabled_HostsArenaApi()
    {
        // Program starts VllmSim (a WebApplication of its own) before it builds Arena's host, and
        // WebApplicationFactory takes the first host built by the entry point: it serves the simulator.
        _factory = new ArenaWebFactory(_directory, simulator: null, ArenaHost.MaxPromptChars);
        await _factory.StartAsync();
        using var http = _factory.CreateSessionClient();

        using var response = await http.GetAsync("/api/models");

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /api/models answered {(int)response.StatusCode}; the factory is not hosting Arena.");
        var models = ArenaApi.Parse<ModelsView>(await response.Content.ReadAsStringAsync());
        Assert.True(models.Models.Count(m => m.InArena) >= 2, "The embedded simulator's models are not in the arena.");
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
