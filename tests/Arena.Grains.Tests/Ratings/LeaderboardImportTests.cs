using Arena.Battles;
using Arena.Grains.Tests.Battles;
using Arena.Ratings;
using Arena.Ratings.Ledger;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;

namespace Arena.Grains.Tests.Ratings;

/// <summary>Imports through the leaderboard: chunked, invisible until complete, with votes committed in between.</summary>
[Collection(HealthyArenaCollection.Name)]
public sealed class LeaderboardImportTests(HealthyArenaFixture arena)
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private ILeaderboardGrain Leaderboard => arena.Client.GetGrain<ILeaderboardGrain>(0);

    private IVoteLedger Ledger => arena.SiloServices.GetRequiredService<IVoteLedger>();

    [Fact]
    public async Task RecordVote_WhileAnImportIsInFlight_CommitsAtOnceAndBothCountOnceItCompletes()
    {
        var (x, y) = Models();
        var import = Enumerable.Range(0, 30).Select(i => Imported(x, y, i % 3 == 0 ? BattleOutcome.B : BattleOutcome.A, i)).ToArray();
        var importId = Guid.NewGuid();
        await Leaderboard.BeginImportAsync(importId);
        await Leaderboard.ImportChunkAsync(importId, 0, new Immutable<VoteRecord[]>(import[..20]));

        // The import holds nothing: the vote is durable and counted before the import goes on.
        var vote = Live(x, y, BattleOutcome.B);
        var reveal = await Leaderboard.RecordVoteAsync(vote);
        var meanwhile = await Leaderboard.GetAsync();
        Assert.Equal(1, meanwhile.Models.Single(m => m.Model == x).Votes);
        Assert.Empty(await Ledger.FindAsync(import.Select(v => v.BattleId).ToArray()));
        Assert.Equal(16, reveal.B.Delta, 9); // x and y were unrated (K 32, both at 1500): the import counts for nothing yet

        await Leaderboard.ImportChunkAsync(importId, 1, new Immutable<VoteRecord[]>(import[20..]));
        var result = await Leaderboard.CompleteImportAsync(importId);

        Assert.Equal((30, 0), (result.Imported, result.SkippedDuplicates));
        var after = await Leaderboard.GetAsync();
        Assert.Equal(31, after.Models.Single(m => m.Model == x).Votes);
        Assert.Equal(31, (await Ledger.FindAsync(import.Append(vote).Select(v => v.BattleId).ToArray())).Count);
        // Elo in ledger order: the first chunk, the vote, the second chunk.
        var replay = new RatingBoard();
        foreach (var v in import[..20].Append(vote).Concat(import[20..]))
        {
            replay.Apply(v, new EloOptions());
        }

        Assert.Equal(replay.Models[x].Rating, after.Models.Single(m => m.Model == x).Rating, 9);
        Assert.Equal(replay.Models[y].Rating, after.Models.Single(m => m.Model == y).Rating, 9);
    }

    [Fact]
    public async Task AbortImport_AfterChunks_LeavesNothingAndTheImportIsGone()
    {
        var (x, y) = Models();
        var before = await Leaderboard.GetAsync();
        var import = Enumerable.Range(0, 10).Select(i => Imported(x, y, BattleOutcome.A, i)).ToArray();
        var importId = Guid.NewGuid();
        await Leaderboard.BeginImportAsync(importId);
        await Leaderboard.ImportChunkAsync(importId, 0, new Immutable<VoteRecord[]>(import[..5]));
        await Leaderboard.ImportChunkAsync(importId, 1, new Immutable<VoteRecord[]>(import[5..]));

        await Leaderboard.AbortImportAsync(importId);

        Assert.Empty(await Ledger.FindAsync(import.Select(v => v.BattleId).ToArray()));
        Assert.Equal(0, await Ledger.DiscardImportAsync(await WriterEpochAsync(), null)); // its rows are deleted, not only hidden
        Assert.Equal(before.TotalVotes, (await Leaderboard.GetAsync()).TotalVotes);
        var late = await Assert.ThrowsAsync<ArenaException>(() => Leaderboard.CompleteImportAsync(importId));
        Assert.Contains("not running", late.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BeginImport_RowsOfADeadImportLeft_DeletesThemAndTheRetryImportsEachBattleOnce()
    {
        var (x, y) = Models();
        var file = Enumerable.Range(0, 8).Select(i => Imported(x, y, BattleOutcome.Tie, i)).ToArray();
        // An import whose web host died after its first chunk: pending rows, no session in the leaderboard.
        await Ledger.AppendImportAsync(await WriterEpochAsync(), Guid.NewGuid(), file[..4].Select(v => new LedgerEntry(0, v, 1500, 1500, 0, 0, LedgerEntry.FromImport)).ToList());

        var retry = Guid.NewGuid();
        await Leaderboard.BeginImportAsync(retry);
        await Leaderboard.ImportChunkAsync(retry, 0, new Immutable<VoteRecord[]>(file.Concat(file[..2]).ToArray()));
        var result = await Leaderboard.CompleteImportAsync(retry);

        Assert.Equal((8, 2), (result.Imported, result.SkippedDuplicates));
        Assert.Equal(8, (await Ledger.FindAsync(file.Select(v => v.BattleId).ToArray())).Count);
        Assert.Equal(8, (await Leaderboard.GetAsync()).Models.Single(m => m.Model == x).Ties);
    }

    [Fact]
    public async Task OnActivateAsync_ImportInFlightWhenTheGrainWasLost_DeletesItsRowsAndCountsOnlyTheVotes()
    {
        var (x, y) = Models();
        var import = Enumerable.Range(0, 6).Select(i => Imported(x, y, BattleOutcome.A, i)).ToArray();
        var importId = Guid.NewGuid();
        await Leaderboard.BeginImportAsync(importId);
        await Leaderboard.ImportChunkAsync(importId, 0, new Immutable<VoteRecord[]>(import));
        await Leaderboard.RecordVoteAsync(Live(x, y, BattleOutcome.B));

        // The silo goes away mid-import: the new activation replays the ledger without the import's pending rows.
        await arena.Cluster.DeactivateAsync(Leaderboard);

        var standing = (await Leaderboard.GetAsync()).Models.Single(m => m.Model == x);
        Assert.Equal((1, 0, 1), (standing.Votes, standing.Wins, standing.Losses));
        Assert.Equal(0, await Ledger.DiscardImportAsync(await WriterEpochAsync(), null)); // deleted on activation, not only hidden
        Assert.Empty(await Ledger.FindAsync(import.Select(v => v.BattleId).ToArray()));
        await Assert.ThrowsAsync<ArenaException>(() => Leaderboard.ImportChunkAsync(importId, 1, new Immutable<VoteRecord[]>(import)));
    }

    [Fact]
    public async Task BeginImport_AnotherRunning_ConflictAndTheFirstCarriesOn()
    {
        var (x, y) = Models();
        var first = Guid.NewGuid();
        await Leaderboard.BeginImportAsync(first);

        var refused = await Assert.ThrowsAsync<ArenaException>(() => Leaderboard.BeginImportAsync(Guid.NewGuid()));

        Assert.Equal(ArenaErrorKind.Conflict, refused.Kind);
        await Leaderboard.ImportChunkAsync(first, 0, new Immutable<VoteRecord[]>([Imported(x, y, BattleOutcome.A, 0)]));
        Assert.Equal(1, (await Leaderboard.CompleteImportAsync(first)).Imported);
    }

    [Fact]
    public async Task ImportChunk_OutOfOrder_AbandonsTheImport()
    {
        var (x, y) = Models();
        var importId = Guid.NewGuid();
        var votes = new[] { Imported(x, y, BattleOutcome.A, 0), Imported(x, y, BattleOutcome.A, 1) };
        await Leaderboard.BeginImportAsync(importId);
        await Leaderboard.ImportChunkAsync(importId, 0, new Immutable<VoteRecord[]>(votes[..1]));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Leaderboard.ImportChunkAsync(importId, 2, new Immutable<VoteRecord[]>(votes[1..])));

        Assert.Empty(await Ledger.FindAsync(votes.Select(v => v.BattleId).ToArray()));
        Assert.Equal(0, await Ledger.DiscardImportAsync(await WriterEpochAsync(), null));
    }

    /// <summary>The live leaderboard's writer epoch (activating it first), for ledger writes made as if by it.</summary>
    private async Task<long> WriterEpochAsync()
    {
        await Leaderboard.GetAsync();
        return await Ledger.GetWriterEpochAsync();
    }

    private static (string A, string B) Models()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        return ("import-x-" + suffix, "import-y-" + suffix);
    }

    private static VoteRecord Imported(string a, string b, BattleOutcome outcome, int i) =>
        new(Guid.NewGuid(), a, b, outcome, "general", Start.AddSeconds(i), BattleMode.Anonymous, LedgerEntry.FromImport);

    private static VoteRecord Live(string a, string b, BattleOutcome outcome) =>
        new(Guid.NewGuid(), a, b, outcome, "general", DateTimeOffset.UtcNow, BattleMode.Anonymous, Guid.NewGuid().ToString("N")[..16]);
}
