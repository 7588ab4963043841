using Arena.Battles;
using Arena.Grains.Tests.Storage;
using Arena.Ratings;
using Arena.Ratings.Ledger;
using Microsoft.Extensions.DependencyInjection;

namespace Arena.Grains.Tests.Battles;

/// <summary>
/// A vote the battle recorded (its outbox row) whose activation died before the ledger counted it: the
/// leaderboard and the battle's next activation each complete it, once, with no one voting again.
/// </summary>
[Collection(HealthyArenaCollection.Name)]
public sealed class VoteRecoveryTests(HealthyArenaFixture arena)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private IVoteLedger Ledger => arena.SiloServices.GetRequiredService<IVoteLedger>();

    private IVoteOutbox Outbox => arena.SiloServices.GetRequiredService<IVoteOutbox>();

    [Fact]
    public async Task RecoverVotesAsync_VoteOnlyInTheOutbox_CountedOnceAndTheBattleShowsTheReveal()
    {
        var (battle, vote) = await OrphanedVoteAsync(BattleOutcome.B);

        await arena.Client.GetGrain<ILeaderboardGrain>(0).RecoverVotesAsync();
        var again = await arena.Client.GetGrain<ILeaderboardGrain>(0).RecoverVotesAsync();

        Assert.Equal(0, again);
        Assert.Null(await Outbox.FindAsync(vote.BattleId));
        var row = Assert.Single(await Ledger.FindAsync([vote.BattleId])).Value;
        Assert.Equal(BattleOutcome.B, row.Vote.Outcome);
        var snapshot = await battle.GetAsync();
        Assert.Equal(BattleStatus.Voted, snapshot.Status);
        Assert.Equal(row.Reveal.A, snapshot.Reveal?.A);
        Assert.Equal(BattleOutcome.B, snapshot.Vote);
    }

    [Fact]
    public async Task GetAsync_BattleReactivatedWithItsVoteInTheOutbox_CountsItOnceAndShowsTheReveal()
    {
        var (battle, vote) = await OrphanedVoteAsync(BattleOutcome.Tie);

        // The battle's next activation finds the vote and has it counted: nobody votes again.
        await SqlHelpers.WaitUntilAsync(async () => (await battle.GetAsync()).Reveal is not null, Patience, "the battle's reveal");

        var row = Assert.Single(await Ledger.FindAsync([vote.BattleId])).Value;
        Assert.Equal(BattleOutcome.Tie, row.Vote.Outcome);
        Assert.Null(await Outbox.FindAsync(vote.BattleId));
        // Voting again, with another choice, answers with the vote that counts.
        var answer = await battle.VoteAsync(Session(vote.BattleId), BattleOutcome.A);
        Assert.Equal(BattleOutcome.Tie, answer.Outcome);
        Assert.Single(await Ledger.FindAsync([vote.BattleId]));
    }

    /// <summary>A finished named battle whose vote is in the outbox only, as a crash after the battle's vote write leaves it.</summary>
    private async Task<(IBattleGrain Battle, VoteRecord Vote)> OrphanedVoteAsync(BattleOutcome outcome)
    {
        var id = Guid.NewGuid();
        var session = Session(id);
        await using var watcher = await BattleWatcher.StartAsync(arena.Client, id);
        var battle = arena.Client.GetGrain<IBattleGrain>(id);
        await battle.StartAsync(new StartBattle(session, "Name a colour.", "general", "sim-terse", "sim-chatty"));
        await watcher.Done.WaitAsync(Patience);
        var vote = new VoteRecord(id, "sim-terse", "sim-chatty", outcome, "general", DateTimeOffset.UtcNow, BattleMode.Named);
        await Outbox.AddAsync(vote);
        await arena.Cluster.DeactivateAsync(battle);
        return (battle, vote);
    }

    private static string Session(Guid battleId) => "session-" + battleId.ToString("N");
}
