using Arena.Battles;
using Arena.Ratings;
using Arena.Ratings.Ledger;
using Microsoft.Extensions.DependencyInjection;

namespace Arena.Grains.Tests.Ratings.Integrity;

[Collection(IntegrityCollection.Name)]
public sealed class QuarantineTests(IntegrityClusterFixture arena)
{
    private ILeaderboardGrain Leaderboard => arena.Client.GetGrain<ILeaderboardGrain>(0);

    private IVoteLedger Ledger => arena.SiloServices.GetRequiredService<IVoteLedger>();

    [Fact]
    public async Task RecordVoteAsync_VoterAlwaysChoosingOneModel_QuarantinedWithReasonAndEarlierVotesLeaveTheRatings()
    {
        var sim = new VoteSimulation(1);
        var models = Models(sim);
        await HonestTrafficAsync(sim, models, sessions: 20, votesEach: 10);
        var attacker = sim.Session(999);

        var (rigged, reveals) = await TargetOnlyAsync(sim, models, attacker, "", battles: 90);

        var flag = Assert.Single(await ActiveFlagsAsync(), f => f.Voter == "session:" + attacker);
        Assert.Contains($"chose {models[0]}", flag.Reason, StringComparison.Ordinal);
        Assert.All(reveals[^5..], r => Assert.False(r.Counted)); // after the flag: recorded, not rated
        await AssertRatingsEqualRebuildAsync(skip: v => v.SessionHash == attacker);
        Assert.Equal(rigged.Count, (await Ledger.FindAsync(rigged)).Count); // every rigged vote is in the ledger
    }

    [Fact]
    public async Task RecordVoteAsync_HonestVoterByTrueStrengthsOverManyVotes_NotQuarantined()
    {
        var sim = new VoteSimulation(2);
        var models = Models(sim);
        var strengths = new[] { 1100.0, 1050, 1000, 950 };
        await HonestTrafficAsync(sim, models, sessions: 20, votesEach: 10, strengths);
        var honest = sim.Session(500);
        var client = sim.Client(500);
        var reveals = new List<VoteReveal>();
        for (var i = 0; i < 400; i++)
        {
            sim.Advance(TimeSpan.FromSeconds(45));
            var (a, b) = sim.Pair(models);
            var outcome = sim.Honest(strengths[Array.IndexOf(models, a)], strengths[Array.IndexOf(models, b)]);
            reveals.Add(await Leaderboard.RecordVoteAsync(sim.Vote(a, b, outcome, honest, client)));
        }

        Assert.DoesNotContain(await ActiveFlagsAsync(), f => f.Voter == "session:" + honest || f.Voter == "client:" + client);
        Assert.All(reveals, r => Assert.True(r.Counted));
    }

    [Fact]
    public async Task RecordVoteAsync_BurstOfVotes_SessionQuarantined()
    {
        var sim = new VoteSimulation(3);
        var models = Models(sim);
        var session = sim.Session(1);
        for (var i = 0; i < 31; i++)
        {
            sim.Advance(TimeSpan.FromSeconds(2));
            var (a, b) = sim.Pair(models);
            await Leaderboard.RecordVoteAsync(sim.Vote(a, b, sim.Honest(1000, 1000), session));
        }

        var flag = Assert.Single(await ActiveFlagsAsync(), f => f.Voter == "session:" + session);
        Assert.StartsWith("a burst of 31 votes", flag.Reason, StringComparison.Ordinal);
        await AssertRatingsEqualRebuildAsync(skip: v => v.SessionHash == session);
    }

    [Fact]
    public async Task RecordVoteAsync_SessionsOfOneAddressVotingAlike_AddressQuarantinedThoughNoSessionIs()
    {
        var sim = new VoteSimulation(4);
        var models = Models(sim);
        await HonestTrafficAsync(sim, models, sessions: 20, votesEach: 10);
        var client = sim.Client(700);
        var sessions = Enumerable.Range(100, 15).Select(sim.Session).ToArray();
        foreach (var session in sessions)
        {
            await TargetOnlyAsync(sim, models, session, client, battles: 10); // about 5 votes each: too few to judge one session
        }

        var flags = await ActiveFlagsAsync();
        var flag = Assert.Single(flags, f => f.Voter == "client:" + client);
        Assert.Contains($"chose {models[0]}", flag.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(flags, f => sessions.Any(s => f.Voter == "session:" + s));
        await AssertRatingsEqualRebuildAsync(skip: v => v.ClientHash == client);
    }

    [Fact]
    public async Task RecordVoteAsync_TargetOnlySessionsEachOnItsOwnAddress_EachQuarantinedForSeekingItsModel()
    {
        var sim = new VoteSimulation(11);
        var models = Models(sim);
        await HonestTrafficAsync(sim, models, sessions: 20, votesEach: 10);
        var sessions = Enumerable.Range(300, 6).Select(sim.Session).ToArray();
        foreach (var (session, i) in sessions.Select((s, i) => (s, i)))
        {
            await TargetOnlyAsync(sim, models, session, sim.Client(300 + i), battles: 32); // about 16 votes each: too few for the other rule
        }

        var flags = await ActiveFlagsAsync();
        foreach (var session in sessions)
        {
            var flag = Assert.Single(flags, f => f.Voter == "session:" + session);
            Assert.Contains($"chose {models[0]} in", flag.Reason, StringComparison.Ordinal);
            Assert.Contains("of its", flag.Reason, StringComparison.Ordinal);
        }

        await AssertRatingsEqualRebuildAsync(skip: v => sessions.Contains(v.SessionHash));
    }

    [Fact]
    public async Task RecordVoteAsync_ManySessionsFromOneAddress_AddressQuarantined()
    {
        var sim = new VoteSimulation(5);
        var models = Models(sim);
        var client = sim.Client(1);
        for (var i = 0; i < 41; i++)
        {
            sim.Advance(TimeSpan.FromMinutes(3));
            var (a, b) = sim.Pair(models);
            await Leaderboard.RecordVoteAsync(sim.Vote(a, b, sim.Honest(1000, 1000), sim.Session(i), client));
        }

        var flag = Assert.Single(await ActiveFlagsAsync(), f => f.Voter == "client:" + client);
        Assert.StartsWith("41 sessions voted from this address", flag.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordVoteAsync_IdenticalPromptRepeated_SessionQuarantined()
    {
        var sim = new VoteSimulation(6);
        var models = Models(sim);
        var session = sim.Session(1);
        var prompt = VoterHashesOf("Which model are you?");
        for (var i = 0; i < 6; i++)
        {
            sim.Advance(TimeSpan.FromMinutes(2));
            var (a, b) = sim.Pair(models);
            await Leaderboard.RecordVoteAsync(sim.Vote(a, b, sim.Honest(1000, 1000), session, prompt: prompt));
        }

        var flag = Assert.Single(await ActiveFlagsAsync(), f => f.Voter == "session:" + session);
        Assert.StartsWith("the same prompt in 6 voted battles", flag.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClearQuarantineAsync_FlaggedVoter_RestoresItsVotesAndTheRatingsEqualTheOriginal()
    {
        var sim = new VoteSimulation(7);
        var models = Models(sim);
        await HonestTrafficAsync(sim, models, sessions: 10, votesEach: 10);
        var attacker = sim.Session(999);
        var (rigged, _) = await TargetOnlyAsync(sim, models, attacker, "", battles: 90);
        Assert.Contains(await ActiveFlagsAsync(), f => f.Voter == "session:" + attacker);
        var before = (await Leaderboard.GetQuarantineAsync()).QuarantinedVotes;

        var cleared = await Leaderboard.ClearQuarantineAsync("session:" + attacker);

        Assert.Equal(rigged.Count, cleared.RestoredVotes);
        Assert.Equal(before - rigged.Count, cleared.QuarantinedVotes);
        var report = await Leaderboard.GetQuarantineAsync();
        var flag = Assert.Single(report.Voters, v => v.Flag.Voter == "session:" + attacker).Flag;
        Assert.False(flag.Active);
        await AssertRatingsEqualRebuildAsync(skip: _ => false); // as if never quarantined (other tests' flags aside)
        var again = await Leaderboard.RecordVoteAsync(sim.Vote(models[0], models[1], BattleOutcome.A, attacker));
        Assert.True(again.Counted); // an operator's clearance holds
        var error = await Assert.ThrowsAsync<ArenaException>(() => Leaderboard.ClearQuarantineAsync("session:" + attacker));
        Assert.Equal(ArenaErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task GetQuarantineAsync_QuarantinedVotes_AreInTheLedgerWithTheirReason()
    {
        var sim = new VoteSimulation(8);
        var models = Models(sim);
        var session = sim.Session(1);
        var prompt = VoterHashesOf("Tell me who made you.");
        var ids = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            sim.Advance(TimeSpan.FromMinutes(2));
            var (a, b) = sim.Pair(models);
            var vote = sim.Vote(a, b, BattleOutcome.A, session, prompt: prompt);
            ids.Add(vote.BattleId);
            await Leaderboard.RecordVoteAsync(vote);
        }

        var voter = Assert.Single((await Leaderboard.GetQuarantineAsync()).Voters, v => v.Flag.Voter == "session:" + session);
        Assert.True(voter.Flag.Active);
        Assert.Equal(ids, voter.Battles);
        Assert.Equal(6, voter.Votes);
        Assert.Contains("same prompt", voter.Flag.Reason, StringComparison.Ordinal);
        var rows = await Ledger.FindAsync(ids);
        Assert.Equal(6, rows.Count);
        Assert.All(rows.Values, r => Assert.Equal(prompt, r.Vote.PromptHash));
    }

    [Fact]
    public async Task RecordVoteAsync_QuarantinedVote_RevealSaysNotRatedWithoutTheRule()
    {
        var sim = new VoteSimulation(9);
        var models = Models(sim);
        await HonestTrafficAsync(sim, models, sessions: 10, votesEach: 10);
        var attacker = sim.Session(999);
        var (rigged, _) = await TargetOnlyAsync(sim, models, attacker, "", battles: 90);
        Assert.Contains(await ActiveFlagsAsync(), f => f.Voter == "session:" + attacker);

        var first = await Leaderboard.RecordVoteAsync((await Ledger.FindAsync([rigged[0]]))[rigged[0]].Vote); // a retry of an early vote
        var late = await Leaderboard.RecordVoteAsync(sim.Vote(models[0], models[1], BattleOutcome.A, attacker));

        foreach (var reveal in new[] { first, late })
        {
            Assert.False(reveal.Counted);
            Assert.Equal(LeaderboardGrain.QuarantineNotice, reveal.ExcludedReason);
            Assert.Equal(0, reveal.A.Delta);
            Assert.DoesNotContain(models[0], reveal.ExcludedReason!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task OnActivateAsync_AfterAQuarantine_ReplayKeepsTheQuarantinedVotesOut()
    {
        var sim = new VoteSimulation(10);
        var models = Models(sim);
        var session = sim.Session(1);
        for (var i = 0; i < 31; i++)
        {
            sim.Advance(TimeSpan.FromSeconds(1));
            await Leaderboard.RecordVoteAsync(sim.Vote(models[0], models[1], BattleOutcome.A, session));
        }

        await arena.Cluster.DeactivateAsync(Leaderboard);

        await AssertRatingsEqualRebuildAsync(skip: v => v.SessionHash == session);
        var late = await Leaderboard.RecordVoteAsync(sim.Vote(models[0], models[1], BattleOutcome.A, session));
        Assert.False(late.Counted);
    }

    /// <summary>The same four models in every test, as in a real arena; each test has voters of its own.</summary>
    private static string[] Models(VoteSimulation sim) => ["sim-target", "sim-x", "sim-y", "sim-z"];

    private static string VoterHashesOf(string prompt) => Arena.Ratings.Integrity.VoterHashes.Prompt(prompt);

    /// <summary>Honest sessions, each on its own address, voting by the models' strengths (equal by default).</summary>
    private async Task HonestTrafficAsync(VoteSimulation sim, string[] models, int sessions, int votesEach, double[]? strengths = null)
    {
        strengths ??= [1000, 1000, 1000, 1000];
        for (var round = 0; round < votesEach; round++)
        {
            for (var s = 0; s < sessions; s++)
            {
                sim.Advance(TimeSpan.FromSeconds(7));
                var (a, b) = sim.Pair(models);
                await Leaderboard.RecordVoteAsync(sim.Vote(a, b, sim.Honest(strengths[Array.IndexOf(models, a)], strengths[Array.IndexOf(models, b)]), sim.Session(s), sim.Client(s)));
            }
        }
    }

    /// <summary>Min et al.'s target-only attacker: votes only on battles with models[0], always for it.</summary>
    private async Task<(List<Guid> Rigged, List<VoteReveal> Reveals)> TargetOnlyAsync(
        VoteSimulation sim, string[] models, string session, string client, int battles)
    {
        var rigged = new List<Guid>();
        var reveals = new List<VoteReveal>();
        for (var i = 0; i < battles; i++)
        {
            sim.Advance(TimeSpan.FromSeconds(40));
            var (a, b) = sim.Pair(models);
            if (a != models[0] && b != models[0])
            {
                continue;
            }

            var vote = sim.Vote(a, b, a == models[0] ? BattleOutcome.A : BattleOutcome.B, session, client);
            rigged.Add(vote.BattleId);
            reveals.Add(await Leaderboard.RecordVoteAsync(vote));
        }

        return (rigged, reveals);
    }

    private async Task<IReadOnlyList<QuarantineFlag>> ActiveFlagsAsync() =>
        (await Leaderboard.GetQuarantineAsync()).Voters.Select(v => v.Flag).Where(f => f.Active).ToArray();

    /// <summary>
    /// The live ratings equal Elo replayed over the ledger without the votes <paramref name="skip"/> names and
    /// without those of other tests' active flags.
    /// </summary>
    private async Task AssertRatingsEqualRebuildAsync(Func<VoteRecord, bool> skip)
    {
        var active = (await ActiveFlagsAsync()).Select(f => f.Voter).ToHashSet();
        var rebuilt = new RatingBoard();
        var options = new EloOptions();
        await foreach (var entry in Ledger.ReadAsync())
        {
            var vote = entry.Vote;
            var flagged = active.Contains("session:" + vote.SessionHash) || (vote.ClientHash.Length > 0 && active.Contains("client:" + vote.ClientHash));
            if (vote.Counts && !skip(vote) && !flagged)
            {
                rebuilt.Apply(vote, options);
            }
        }

        var live = await Leaderboard.GetAsync();
        Assert.Equal(rebuilt.Votes, live.TotalVotes);
        foreach (var model in live.Models)
        {
            Assert.Equal(rebuilt.Models[model.Model].Rating, model.Rating, 9);
            Assert.Equal(rebuilt.Models[model.Model].Votes, model.Votes);
        }
    }
}
