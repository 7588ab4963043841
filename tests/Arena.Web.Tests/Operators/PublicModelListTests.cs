using System.Net.Http.Json;
using System.Text.Json;
using Arena.Web.Tests.Api;
using Arena.Web.Tests.Hosting;

namespace Arena.Web.Tests.Operators;

/// <summary>
/// Blindness: nothing public changes when a battle starts. The public model list stays byte for byte
/// the same while both models answer, and only the operator's view shows their requests in flight.
/// </summary>
public sealed class PublicModelListTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    // Slow answers (the simulator's latencies times 20), so that the battle is still running while the lists are read;
    // a fast health board, so that the operator's view shows the requests in flight soon after they start.
    private readonly ArenaHost _host = new(timeScale: 20, new Dictionary<string, string>
    {
        ["Arena:Health:ProbeInterval"] = "00:00:00.200",
        ["Arena:Generation:FirstTokenTimeout"] = "00:05:00",
        ["Arena:Generation:IdleTokenTimeout"] = "00:05:00",
    });

    public Task InitializeAsync() => _host.StartAsync();

    [Fact]
    public async Task PublicList_DuringABattle_IsUnchanged_WhileTheOperatorViewShowsRequestsInFlight()
    {
        var visitor = _host.Factory.CreateClient();
        var before = await visitor.GetStringAsync("/api/models");
        var user = new ArenaApi(_host.Factory.CreateSessionClient());
        var (started, _) = await user.StartBattleAsync("Write a long essay about rivers.");

        var inFlight = await InFlightWhileRunningAsync(user, started);
        var during = await visitor.GetStringAsync("/api/models");
        var status = (await user.GetBattleAsync(started.BattleId)).Battle.Status;

        Assert.True(inFlight >= 2, $"the operator's view showed {inFlight} requests in flight during the battle");
        Assert.Equal("streaming", status);
        Assert.Equal(before, during);
        using var doc = JsonDocument.Parse(during);
        foreach (var model in doc.RootElement.GetProperty("models").EnumerateArray())
        {
            Assert.Equal(
                ["id", "display_name", "provider", "simulated", "in_arena", "supports_tools", "state"],
                model.EnumerateObject().Select(p => p.Name).ToArray());
            Assert.Equal("available", model.GetProperty("state").GetString());
        }

        using var stop = await user.Http.PostAsJsonAsync($"/api/battles/{started.BattleId}/stop", new { });
        stop.EnsureSuccessStatusCode();
    }

    /// <summary>Polls the operator's view until the battle's requests show in flight; returns their number.</summary>
    private async Task<int> InFlightWhileRunningAsync(ArenaApi user, StartedBattle battle)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        var operatorHttp = _host.Factory.CreateOperatorClient();
        while (true)
        {
            using var doc = JsonDocument.Parse(await operatorHttp.GetStringAsync("/api/operator/models"));
            var inFlight = doc.RootElement.GetProperty("models").EnumerateArray()
                .SelectMany(m => m.GetProperty("replicas").EnumerateArray())
                .Sum(r => r.GetProperty("in_flight").GetInt32());
            if (inFlight >= 2 || DateTimeOffset.UtcNow > deadline)
            {
                return inFlight;
            }

            Assert.Equal("streaming", (await user.GetBattleAsync(battle.BattleId)).Battle.Status);
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
