extern alias ArenaWeb;

using Arena.Web.Limits;
using Microsoft.Extensions.DependencyInjection;

namespace Arena.Web.Tests.Limits;

/// <summary>The UI (Blazor components, through the circuit) and the HTTP API draw on the same limiters.</summary>
[Collection(SlowLimitsCollection.Name)]
public sealed class UiLimitTests(SlowLimitsFixture fixture)
{
    [Fact]
    public async Task UiStarts_FromAnAddress_UseUpTheHttpStartsOfThatAddress()
    {
        var gate = fixture.Arena.Services.GetRequiredService<ArenaRateLimiter>();
        var address = TestLimits.NewAddress();
        for (var i = 0; i < TestLimits.PerAddress; i++)
        {
            // What BattlePage does before sending a prompt, for three browser sessions on one address.
            gate.Ensure(LimitedAction.Start, new ClientIdentity(address, $"ui-session-{i}"));
        }

        using var http = fixture.Arena.Client(cookies: false, forwardedFor: address);
        var problem = await Refusals.RefusedAsync(http, Refusals.Request("POST", "/api/battles", """{"prompt": "Hello"}"""));
        Assert.StartsWith("Too many battle or chat starts from this address", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void UiVote_PastTheSessionLimit_ThrowsTheRefusalTheComponentShows()
    {
        var gate = fixture.Arena.Services.GetRequiredService<ArenaRateLimiter>();
        var who = new ClientIdentity(TestLimits.NewAddress(), "ui-voter");
        for (var i = 0; i < TestLimits.PerSession; i++)
        {
            gate.Ensure(LimitedAction.Vote, who);
        }

        var refused = Assert.Throws<ArenaException>(() => gate.Ensure(LimitedAction.Vote, who));
        Assert.Equal(ArenaErrorKind.TooManyRequests, refused.Kind);
        Assert.StartsWith("Too many votes from this session: at most 2 an hour. Try again in ", refused.Message, StringComparison.Ordinal);
        Assert.NotNull(refused.RetryAfter);
    }
}
