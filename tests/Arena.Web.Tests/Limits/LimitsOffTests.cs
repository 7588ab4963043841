using System.Net.Http.Json;
using Arena.Web.Tests.Hosting;

namespace Arena.Web.Tests.Limits;

/// <summary>Arena:RateLimits:Enabled=false lifts every limit and cap, however small they are set.</summary>
public sealed class LimitsOffTests : IAsyncLifetime
{
    private readonly ArenaHost _host = new(timeScale: 500, TestLimits.Settings(loopbackIsProxy: false, new()
    {
        ["Arena:RateLimits:Enabled"] = "false",
        ["Arena:RateLimits:OpenBattlesPerSession"] = "1",
        ["Arena:RateLimits:AssistantTurnsPerConversation"] = "1",
    }));

    public Task InitializeAsync() => _host.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task EveryAction_PastItsLimit_IsNotRefusedWhenLimitsAreOff()
    {
        using var session = _host.Factory.CreateSessionClient();
        var past = TestLimits.PerAddress + 1;
        await Refusals.AllowedAsync(session, past, () => Refusals.Request("POST", "/api/route", """{"message": ""}"""));
        await Refusals.AllowedAsync(session, past, () => Refusals.Request("GET", "/api/battles/export"));
        await Refusals.AllowedAsync(session, past, () => Refusals.Request("POST", $"/api/battles/{Guid.NewGuid()}/vote", """{"winner": "a"}"""));

        // Two battles answering at once on the slowed models: the cap is one.
        await EventStreamLimitTests.StartBattleAsync(session);
        await EventStreamLimitTests.StartBattleAsync(session);
    }
}
