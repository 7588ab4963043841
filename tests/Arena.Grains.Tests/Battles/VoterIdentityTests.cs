using Arena.Battles;
using Arena.Ratings.Integrity;
using Arena.Ratings.Ledger;
using Microsoft.Extensions.DependencyInjection;

namespace Arena.Grains.Tests.Battles;

[Collection(HealthyArenaCollection.Name)]
public sealed class VoterIdentityTests(HealthyArenaFixture arena)
{
    [Fact]
    public async Task VoteAsync_BattleStartedWithAClientHash_LedgerRowCarriesItAndThePromptHash()
    {
        var id = Guid.NewGuid();
        var session = "session-" + id.ToString("N");
        await using var watcher = await BattleWatcher.StartAsync(arena.Client, id);
        var battle = arena.Client.GetGrain<IBattleGrain>(id);
        await battle.StartAsync(new StartBattle(session, "Explain  tides to a child.", "general", ClientHash: "0123456789abcdef"));
        await watcher.Done.WaitAsync(TimeSpan.FromSeconds(60));

        await battle.VoteAsync(session, BattleOutcome.A);

        var row = (await arena.SiloServices.GetRequiredService<IVoteLedger>().FindAsync([id]))[id];
        Assert.Equal("0123456789abcdef", row.Vote.ClientHash);
        Assert.Equal(VoterHashes.Prompt("explain tides to a child."), row.Vote.PromptHash);
        Assert.NotEqual("", row.Vote.SessionHash);
    }
}
