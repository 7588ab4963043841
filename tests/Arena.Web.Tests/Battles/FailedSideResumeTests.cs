using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Arena.Web.Tests.Api;
using Arena.Web.Tests.Hosting;

namespace Arena.Web.Tests.Battles;

/// <summary>
/// A client resuming with a position beyond a failed side's stored text, as after the battle's silo died mid-answer
/// (its tokens reached the client, never the database): it hears how the side ended, not 400. A done side still
/// refuses such a position (<see cref="ResumeTests"/>).
/// </summary>
public sealed class FailedSideResumeTests : IAsyncLifetime
{
    private static readonly int ClosedPort = FreePorts.Take(1)[0];

    // Two models whose requests fail (nobody listens at their port); kept available so a battle can be started.
    private readonly ArenaHost _host = new(timeScale: 0.02, new Dictionary<string, string>
    {
        ["Arena:Health:FailureThreshold"] = "1000",
        ["Arena:Models:0:Id"] = "down-a",
        ["Arena:Models:1:Id"] = "down-b",
        ["Arena:Models:0:Provider"] = "vllm",
        ["Arena:Models:1:Provider"] = "vllm",
        ["Arena:Models:0:BaseUrl"] = $"http://127.0.0.1:{ClosedPort.ToString(CultureInfo.InvariantCulture)}/v1",
        ["Arena:Models:1:BaseUrl"] = $"http://127.0.0.1:{ClosedPort.ToString(CultureInfo.InvariantCulture)}/v1",
        ["Arena:Models:0:Simulated"] = "true",
        ["Arena:Models:1:Simulated"] = "true",
    });

    public Task InitializeAsync() => _host.StartAsync();

    [Fact]
    public async Task Events_ResumedBeyondAFailedSidesStoredText_SendsItsSideErrorAndBattleDone()
    {
        var api = new ArenaApi(_host.Factory.CreateSessionClient());
        using var response = await api.Http.PostAsJsonAsync("/api/battles", new { prompt = "Say hello.", model_a = "down-a", model_b = "down-b" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Starting the battle answered {(int)response.StatusCode}: {body}");
        var started = ArenaApi.Parse<StartedBattle>(body);
        await api.WaitUntilFinishedAsync(started);
        var (battle, _) = await api.GetBattleAsync(started.BattleId);
        Assert.Equal("", battle.Turns[0].A.Text);

        // 40 characters of side A read, its end not seen; side B's end seen.
        var rest = await SseReader.ReadAllAsync(api.Http, started.Events, "0.40.0.2");

        Assert.Equal(["side_error", "battle_done"], rest.Select(e => e.Type));
        Assert.Equal("a", rest[0].Side);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
