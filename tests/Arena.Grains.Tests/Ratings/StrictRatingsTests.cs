using Arena.Battles;
using Arena.Grains.Tests.Battles;
using Arena.Grains.Tests.Storage;
using Arena.Ratings;
using Arena.Ratings.Ledger;
using Microsoft.Extensions.DependencyInjection;

namespace Arena.Grains.Tests.Ratings;

[Collection(StrictRatingsCollection.Name)]
public sealed class StrictRatingsTests(StrictRatingsFixture arena)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private ILeaderboardGrain Leaderboard => arena.Client.GetGrain<ILeaderboardGrain>(0);

    private IVoteLedger Ledger => arena.SiloServices.GetRequiredService<IVoteLedger>();

    [Fact]
    public async Task VoteAsync_LeaderboardSlowerThanTheRevealWait_AnswersRecordedThenTheBattleShowsTheReveal()
    {
        var (id, battle) = await FinishedBattleAsync();

        // Not a failure: the vote is recorded and the answer says so.
        var pending = await Assert.ThrowsAsync<VotePendingException>(() => battle.VoteAsync(Session(id), BattleOutcome.A));

        Assert.Equal(BattleOutcome.A, pending.Outcome);
        var reveal = await RevealAsync(battle);
        Assert.Equal(BattleOutcome.A, reveal.Outcome);
        Assert.Equal(BattleOutcome.A, Assert.Single(await Ledger.FindAsync([id])).Value.Vote.Outcome);
        // A retry with another choice answers with the vote that counts, and counts nothing more.
        Assert.Equal(reveal, await battle.VoteAsync(Session(id), BattleOutcome.B));
        Assert.Single(await Ledger.FindAsync([id]));
    }

    [Fact]
    public async Task VoteAsync_SoonerThanMinVoteDelay_RecordedInTheLedgerNotRatedWithTheReason()
    {
        var (id, battle) = await FinishedBattleAsync();
        var before = await Leaderboard.GetAsync();

        await Assert.ThrowsAsync<VotePendingException>(() => battle.VoteAsync(Session(id), BattleOutcome.B));
        var reveal = await RevealAsync(battle);

        Assert.False(reveal.Counted);
        Assert.Contains("sooner than the 600 s", reveal.ExcludedReason, StringComparison.Ordinal);
        var row = Assert.Single(await Ledger.FindAsync([id])).Value;
        Assert.False(row.Vote.Counts);
        Assert.Equal(reveal.ExcludedReason, row.Vote.ExcludedReason);
        Assert.Equal(0, reveal.A.Delta);
        Assert.Equal(before.TotalVotes, (await Leaderboard.GetAsync()).TotalVotes);
    }

    [Fact]
    public async Task RecordVoteAsync_SteadyVotesFasterThanTheDebounce_BradleyTerryRecomputedWithinMaxStaleness()
    {
        await Leaderboard.RecordVoteAsync(Vote());
        var baseline = (await Leaderboard.GetAsync()).ComputedFromVotes;

        // Votes keep coming, each well inside the hour-long debounce, so the quiet time never comes:
        // only the maximum staleness can start a recompute.
        var deadline = DateTimeOffset.UtcNow + Patience;
        var sent = 0;
        LeaderboardSnapshot board;
        do
        {
            await Leaderboard.RecordVoteAsync(Vote());
            sent++;
            board = await Leaderboard.GetAsync();
        }
        while (board.ComputedFromVotes <= baseline && DateTimeOffset.UtcNow < deadline);

        Assert.True(board.ComputedFromVotes > baseline, $"Bradley–Terry still from {board.ComputedFromVotes} votes after {sent} more");
        Assert.NotNull(board.ComputedAt);
        Assert.All(board.Models, m => Assert.NotNull(m.BradleyTerry));
    }

    private static VoteRecord Vote() =>
        new(Guid.NewGuid(), "sim-terse", "sim-chatty", BattleOutcome.A, "general", DateTimeOffset.UtcNow);

    private static async Task<VoteReveal> RevealAsync(IBattleGrain battle)
    {
        VoteReveal? reveal = null;
        await SqlHelpers.WaitUntilAsync(async () => (reveal = (await battle.GetAsync()).Reveal) is not null, Patience, "the battle's reveal");
        return reveal!;
    }

    private async Task<(Guid Id, IBattleGrain Battle)> FinishedBattleAsync()
    {
        var id = Guid.NewGuid();
        await using var watcher = await BattleWatcher.StartAsync(arena.Client, id);
        var battle = arena.Client.GetGrain<IBattleGrain>(id);
        await battle.StartAsync(new StartBattle(Session(id), "Suggest a name for a cat.", "general"));
        await watcher.Done.WaitAsync(Patience);
        return (id, battle);
    }

    private static string Session(Guid battleId) => "session-" + battleId.ToString("N");
}
