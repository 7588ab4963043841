using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Arena.Web.Tests.Api;
using Arena.Web.Tests.Hosting;

namespace Arena.Web.Tests.Operators;

/// <summary>
/// A side's error text names no host, address, port, key variable or model, whatever the model server
/// or the client library said: users get the kind of failure, operators the detail in the log.
/// </summary>
public sealed class BattleErrorRedactionTests : IAsyncLifetime
{
    private const string ClosedPortModel = "leaky-closed-port";
    private const string MissingKeyModel = "leaky-missing-key";
    private const string KeyVariable = "ARENA_TEST_LEAKY_KEY_THAT_IS_NOT_SET";

    private static readonly int ClosedPort = FreePorts.Take(1)[0];

    // Two models whose requests fail: one at a loopback port nobody listens on, one whose API key variable is unset.
    // A high failure threshold keeps them available, so that a battle can be started between them.
    private readonly ArenaHost _host = new(timeScale: 0.02, new Dictionary<string, string>
    {
        ["Arena:Health:FailureThreshold"] = "1000",
        ["Arena:Models:0:Id"] = ClosedPortModel,
        ["Arena:Models:0:Provider"] = "vllm",
        ["Arena:Models:0:BaseUrl"] = $"http://127.0.0.1:{ClosedPort.ToString(CultureInfo.InvariantCulture)}/v1",
        ["Arena:Models:0:Simulated"] = "true",
        ["Arena:Models:1:Id"] = MissingKeyModel,
        ["Arena:Models:1:Provider"] = "vllm",
        ["Arena:Models:1:BaseUrl"] = $"http://localhost:{ClosedPort.ToString(CultureInfo.InvariantCulture)}/v1",
        ["Arena:Models:1:ApiKeyVariable"] = KeyVariable,
        ["Arena:Models:1:Simulated"] = "true",
    });

    public Task InitializeAsync() => _host.StartAsync();

    [Fact]
    public async Task SideError_ModelServerUnreachableOrKeyMissing_NamesNoHostPortKeyOrModel()
    {
        var api = new ArenaApi(_host.Factory.CreateSessionClient());
        using var response = await api.Http.PostAsJsonAsync("/api/battles", new { prompt = "Say hello.", model_a = ClosedPortModel, model_b = MissingKeyModel });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Starting the battle answered {(int)response.StatusCode}: {body}");
        var started = ArenaApi.Parse<StartedBattle>(body);

        var events = await api.ReadEventsAsync(started.Events);
        var errors = events.Where(e => e.Type == "side_error").Select(e => System.Text.Json.JsonDocument.Parse(e.Data).RootElement.GetProperty("message").GetString() ?? "").ToList();
        var battle = (await api.GetBattleAsync(started.BattleId)).Battle;

        Assert.Equal(2, errors.Count);
        var shown = errors.Concat([battle.Turns[0].A.Error!, battle.Turns[0].B.Error!]).ToList();
        Assert.All(shown, text =>
        {
            Assert.False(string.IsNullOrWhiteSpace(text));
            foreach (var secret in new[] { "127.0.0.1", "localhost", ClosedPort.ToString(CultureInfo.InvariantCulture), ClosedPortModel, MissingKeyModel, "leaky", KeyVariable, "http", "/v1" })
            {
                Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
            }
        });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
