using System.Net.Http.Json;
using Arena.Web.Tests.Hosting;

namespace Arena.Web.Tests.Moderation;

/// <summary>The moderation counters are durable: stopping Arena and starting it again on the same SQLite file keeps them.</summary>
public sealed class ModerationRestartTests : IAsyncLifetime
{
    private readonly ArenaHost _host = new(timeScale: 0.02, new Dictionary<string, string> { ["Arena:Moderation:BlockList:0"] = "zorblax" });

    public Task InitializeAsync() => _host.StartAsync();

    [Fact]
    public async Task Restart_AfterRefusals_KeepsTheCountsPerSourceAndDay()
    {
        var http = _host.Factory.CreateSessionClient();
        await ModerationApi.ExpectRefusalAsync(http.PostAsJsonAsync("/api/battles", new { prompt = "zorblax one" }));
        await ModerationApi.ExpectRefusalAsync(http.PostAsJsonAsync("/api/chat", new { message = "zorblax two" }));
        var counts = await ModerationApi.CountsAsync(http, "blocklist");

        await _host.StopAsync();
        await _host.StartAsync();

        Assert.Equal((2, 2), (counts.Flagged, counts.FlaggedToday));
        Assert.Equal(counts, await ModerationApi.CountsAsync(_host.Factory.CreateClient(), "blocklist"));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
