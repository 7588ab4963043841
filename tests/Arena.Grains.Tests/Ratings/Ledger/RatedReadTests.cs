using Arena.Battles;
using Arena.Grains.Tests.Storage;
using Arena.Ratings;
using Arena.Ratings.Ledger;
using Arena.Ratings.Rebuild;
using Arena.Storage;
using Arena.Storage.GroupCommit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Arena.Grains.Tests.Ratings.Ledger;

/// <summary>
/// The rebuild's read of the ledger (<see cref="IVoteLedger.ReadRatedAsync"/>) and its boards by model index
/// (<see cref="RatingRebuild"/>): the same boards, to the last bit, as every ledger row applied one by one through
/// <see cref="RatingBoard.Apply"/>, whatever the row: named, excluded, held by a quarantine, or inside an import in
/// progress.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RatedReadTests(PostgresFixture postgres) : IAsyncLifetime
{
    private readonly DatabaseWriters _writers = new(NullLogger<DatabaseWriters>.Instance);

    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Categories = ["coding", "general", "math"];

    [Theory]
    [InlineData(DatabaseKind.Sqlite, false)]
    [InlineData(DatabaseKind.Sqlite, true)]
    [InlineData(DatabaseKind.PostgreSql, false)]
    public async Task ReadRated_ThenBuild_GivesTheBoardsOfEveryRowAppliedOneByOne(DatabaseKind kind, bool inHalves)
    {
        var ledger = await CreateLedgerAsync(kind, "rated_read");
        ledger.ParallelReadRows = inHalves ? 1 : long.MaxValue;
        var random = new Random(7);
        var entries = Enumerable.Range(0, 3_000).Select(i => Entry(RandomVote(random, i), i % 10 == 0 ? LedgerEntry.FromImport : LedgerEntry.FromVote)).ToList();
        await ledger.AppendAsync(TestLedgers.Epoch, entries);
        var pendingImport = Enumerable.Range(5_000, 200).Select(i => Entry(RandomVote(random, i), LedgerEntry.FromImport)).ToList();
        await ledger.AppendImportAsync(TestLedgers.Epoch, Guid.NewGuid(), pendingImport); // never completed: no reader sees it
        var after = Entry(RandomVote(random, 9_000) with { SessionHash = "session-held" }, LedgerEntry.FromVote);
        var lastSeq = await ledger.AppendAsync(TestLedgers.Epoch, [after]);
        var hold = new VoteHold(["session-held"], ["client-held"]);

        var votes = await ledger.ReadRatedAsync(hold);
        var rebuilt = RatingRebuild.Build(votes, new EloOptions());

        var expected = new LeaderboardState();
        long held = 0;
        var rows = 0;
        await foreach (var entry in ledger.ReadAsync())
        {
            rows++;
            var vote = entry.Vote;
            if (!vote.Counts)
            {
                continue;
            }

            if (vote.SessionHash == "session-held" || vote.ClientHash == "client-held")
            {
                held++;
                continue;
            }

            if (!expected.Categories.TryGetValue(vote.Category, out var category))
            {
                expected.Categories[vote.Category] = category = new RatingBoard();
            }

            category.Apply(vote, new EloOptions());
            expected.Overall.Apply(vote, new EloOptions());
        }

        Assert.Equal(3_001, rows);
        Assert.Equal(rows, votes.Rows);
        Assert.Equal(lastSeq, votes.LastSeq);
        Assert.Equal(held, votes.Held);
        Assert.InRange(held, 100, 1_000); // the hold did hold votes back, by session and by client
        Assert.InRange(expected.Overall.Votes, 1_500, 2_900); // and some rows did not count
        AssertSameBoard(expected.Overall, rebuilt.Overall);
        Assert.Equal(expected.Categories.Keys, rebuilt.Categories.Keys);
        foreach (var (name, board) in expected.Categories)
        {
            AssertSameBoard(board, rebuilt.Categories[name]);
        }
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.PostgreSql)]
    public async Task ReadRated_WithNoHold_KeepsTheVotesOfEverySessionAndClient(DatabaseKind kind)
    {
        var ledger = await CreateLedgerAsync(kind, "rated_nohold");
        await ledger.AppendAsync(TestLedgers.Epoch, [
            Entry(Vote(1, "a", "b", BattleOutcome.A) with { SessionHash = "session-held", ClientHash = "client-held" }, LedgerEntry.FromVote),
            Entry(Vote(2, "b", "c", BattleOutcome.BothBad), LedgerEntry.FromVote),
        ]);

        var votes = await ledger.ReadRatedAsync(VoteHold.None);

        Assert.Equal(2, votes.Count);
        Assert.Equal(0, votes.Held);
        Assert.Equal(["a", "b", "c"], votes.Models.Names);
        Assert.Equal([BattleOutcome.A, BattleOutcome.BothBad], votes.Outcome.ToArray());
    }

    [Fact]
    public void VoteHold_ScreensOnlyAnonymousVotesAndNeverTheImportsPlaceholderSession()
    {
        var hold = new VoteHold(["s1", LedgerEntry.FromImport], ["c1"]);

        Assert.True(hold.Holds("anony"u8, "s1"u8, ""u8));
        Assert.True(hold.Holds("anony"u8, "s2"u8, "c1"u8));
        Assert.False(hold.Holds("named"u8, "s1"u8, "c1"u8));
        Assert.False(hold.Holds("anony"u8, "import"u8, ""u8));
        Assert.False(hold.Holds("anony"u8, "s2"u8, "c2"u8));
        Assert.True(VoteHold.None.IsEmpty);
    }

    private static void AssertSameBoard(RatingBoard expected, RatingBoard actual)
    {
        Assert.Equal(expected.Votes, actual.Votes);
        Assert.Equal(expected.Models.Keys, actual.Models.Keys); // same order of first appearance
        foreach (var (model, standing) in expected.Models)
        {
            var other = actual.Models[model];
            Assert.Equal(standing.Rating, other.Rating); // exactly: the same updates in the same order
            Assert.Equal((standing.Wins, standing.Losses, standing.Ties), (other.Wins, other.Losses, other.Ties));
        }

        Assert.Equal(expected.Counts.Models, actual.Counts.Models);
        Assert.Equal(
            expected.Counts.Pairs.Select(p => (p.I, p.J, p.WinsI, p.WinsJ, p.Ties)),
            actual.Counts.Pairs.Select(p => (p.I, p.J, p.WinsI, p.WinsJ, p.Ties)));
    }

    private static VoteRecord RandomVote(Random random, int i)
    {
        var a = random.Next(12);
        var b = (a + 1 + random.Next(11)) % 12;
        var vote = Vote(i, $"model-{a:D2}", $"model-{b:D2}", (BattleOutcome)random.Next(4)) with
        {
            Category = Categories[random.Next(Categories.Length)],
            SessionHash = random.Next(20) == 0 ? "session-held" : $"session-{random.Next(50)}",
            ClientHash = random.Next(25) == 0 ? "client-held" : $"client-{random.Next(30)}",
        };
        return random.Next(8) switch
        {
            0 => vote with { Mode = BattleMode.Named },
            1 => vote with { ExcludedReason = "too fast" },
            _ => vote,
        };
    }

    private static VoteRecord Vote(int i, string a, string b, BattleOutcome outcome) =>
        new(Guid.NewGuid(), a, b, outcome, "general", Start.AddSeconds(i), BattleMode.Anonymous, $"session-{i}", null, "", "");

    private static LedgerEntry Entry(VoteRecord vote, string source) => new(0, vote, 1500, 1500, 0, 0, source);

    private Task<AdoNetVoteLedger> CreateLedgerAsync(DatabaseKind kind, string name) => TestLedgers.CreateAsync(kind, name, postgres, _writers);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _writers.DisposeAsync().AsTask();
}
