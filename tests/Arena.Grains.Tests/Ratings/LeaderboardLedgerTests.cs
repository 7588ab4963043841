using Arena.Battles;
using Arena.Grains.Tests.Battles;
using Arena.Ratings;
using Arena.Ratings.Ledger;
using Microsoft.Extensions.DependencyInjection;

namespace Arena.Grains.Tests.Ratings;

[Collection(HealthyArenaCollection.Name)]
public sealed class LeaderboardLedgerTests(HealthyArenaFixture arena)
{
    private ILeaderboardGrain Leaderboard => arena.Client.GetGrain<ILeaderboardGrain>(0);

    private IVoteLedger Ledger => arena.SiloServices.GetRequiredService<IVoteLedger>();

    [Fact]
    public async Task RecordVoteAsync_Acknowledged_RowIsInTheLedgerWithItsResult()
    {
        var (a, b) = Models();
        var vote = Vote(a, b, BattleOutcome.B, "coding");

        var reveal = await Leaderboard.RecordVoteAsync(vote);

        var row = (await Ledger.FindAsync([vote.BattleId]))[vote.BattleId];
        Assert.Equal(vote with { VotedAt = row.Vote.VotedAt }, row.Vote);
        Assert.Equal(vote.VotedAt.ToUnixTimeMilliseconds(), row.Vote.VotedAt.ToUnixTimeMilliseconds());
        Assert.Equal(reveal, row.Reveal);
        Assert.True(row.Seq > 0);
        Assert.True(reveal.B.Delta > 0);
    }

    [Fact]
    public async Task RecordVoteAsync_ManyAtOnceWithRepeats_EachBattleCountsOnce()
    {
        var (a, b) = Models();
        var votes = Enumerable.Range(0, 300).Select(i => Vote(a, b, i % 3 == 0 ? BattleOutcome.A : BattleOutcome.Tie, "general")).ToArray();
        var before = await Leaderboard.GetAsync();

        // Every vote sent twice, concurrently: retries must not count twice.
        var replies = await Task.WhenAll(votes.Concat(votes).Select(v => Leaderboard.RecordVoteAsync(v)));

        var after = await Leaderboard.GetAsync();
        Assert.Equal(before.TotalVotes + 300, after.TotalVotes);
        var standing = after.Models.Single(m => m.Model == a);
        Assert.Equal(300, standing.Votes);
        Assert.Equal(100, standing.Wins);
        Assert.Equal(200, standing.Ties);
        Assert.Equal(replies[..300], replies[300..]);
        Assert.Equal(300, (await Ledger.FindAsync(votes.Select(v => v.BattleId).ToArray())).Count);
    }

    [Fact]
    public async Task ReadAsync_ReplayingTheLedger_GivesTheLiveRatings()
    {
        var (a, b) = Models();
        foreach (var outcome in new[] { BattleOutcome.A, BattleOutcome.A, BattleOutcome.B, BattleOutcome.BothBad, BattleOutcome.Tie })
        {
            await Leaderboard.RecordVoteAsync(Vote(a, b, outcome, "general"));
        }

        var rebuilt = new RatingBoard();
        var options = new EloOptions();
        await foreach (var entry in Ledger.ReadAsync())
        {
            if (entry.Vote.Counts)
            {
                rebuilt.Apply(entry.Vote, options);
            }
        }

        var live = await Leaderboard.GetAsync();
        Assert.Equal(live.TotalVotes, rebuilt.Votes);
        foreach (var model in live.Models)
        {
            Assert.Equal(model.Rating, rebuilt.Models[model.Model].Rating, 9);
            Assert.Equal(model.Votes, rebuilt.Models[model.Model].Votes);
        }
    }

    [Fact]
    public async Task OnActivateAsync_RowWrittenButGrainLost_CountsItOnceAndRepliesWithTheRecordedResult()
    {
        var (a, b) = Models();
        await Leaderboard.RecordVoteAsync(Vote(a, b, BattleOutcome.A, "general"));
        var before = await Leaderboard.GetAsync();

        // A crash between the ledger commit and the grain: the row is durable, the grain never applied it.
        var orphan = Vote(a, b, BattleOutcome.B, "general");
        var rating = before.Models.Single(m => m.Model == a).Rating;
        await Ledger.AppendAsync(await Ledger.GetWriterEpochAsync(), [new LedgerEntry(0, orphan, rating - 10, rating + 10, -10, 10)]);
        await arena.Cluster.DeactivateAsync(Leaderboard);

        var after = await Leaderboard.GetAsync();
        Assert.Equal(before.TotalVotes + 1, after.TotalVotes);
        Assert.Equal(before.Models.Single(m => m.Model == b).Wins + 1, after.Models.Single(m => m.Model == b).Wins);
        var retried = await Leaderboard.RecordVoteAsync(orphan);
        Assert.Equal(10, retried.B.Delta);
        Assert.Equal(after.TotalVotes, (await Leaderboard.GetAsync()).TotalVotes);
    }

    [Fact]
    public async Task RecordVoteAsync_ExcludedVote_RecordedButRatingsUnchanged()
    {
        var (a, b) = Models();
        await Leaderboard.RecordVoteAsync(Vote(a, b, BattleOutcome.A, "general"));
        var before = await Leaderboard.GetAsync();
        var excluded = Vote(a, b, BattleOutcome.B, "general") with { ExcludedReason = "Answer A names a model or vendor (\"llama\")." };

        var reveal = await Leaderboard.RecordVoteAsync(excluded);

        Assert.False(reveal.Counted);
        Assert.Equal(excluded.ExcludedReason, reveal.ExcludedReason);
        Assert.Equal(0, reveal.A.Delta);
        Assert.Equal(before.Models.Single(m => m.Model == a).Rating, reveal.A.Rating);
        Assert.Equal(before, await Leaderboard.GetAsync(), StandingsComparer.Instance);
        var row = (await Ledger.FindAsync([excluded.BattleId]))[excluded.BattleId];
        Assert.False(row.Vote.Counts);
        Assert.Equal(excluded.ExcludedReason, row.Vote.ExcludedReason);
    }

    [Fact]
    public async Task GetAsync_Category_OnlyThatCategorysVotes()
    {
        var (a, b) = Models();
        var category = "cat-" + Guid.NewGuid().ToString("N")[..8];
        await Leaderboard.RecordVoteAsync(Vote(a, b, BattleOutcome.A, category));
        await Leaderboard.RecordVoteAsync(Vote(a, b, BattleOutcome.A, "general"));

        var board = await Leaderboard.GetAsync(category);

        Assert.Equal(category, board.Category);
        Assert.Equal(1, board.TotalVotes);
        Assert.Equal(1, board.Models.Single(m => m.Model == a).Wins);
        Assert.Contains(category, await Leaderboard.GetCategoriesAsync());
        Assert.Equal(2, (await Leaderboard.GetAsync()).Models.Single(m => m.Model == a).Wins);
    }

    private static (string A, string B) Models()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        return ("model-a-" + suffix, "model-b-" + suffix);
    }

    private static VoteRecord Vote(string a, string b, BattleOutcome outcome, string category) =>
        new(Guid.NewGuid(), a, b, outcome, category, DateTimeOffset.UtcNow, BattleMode.Anonymous, Guid.NewGuid().ToString("N")[..16]);
}
