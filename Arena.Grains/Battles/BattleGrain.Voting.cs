using Arena.Ratings;
using Arena.Ratings.Integrity;

namespace Arena.Battles;

/// <summary>The vote: checked once against the battle's rules, stored, and recorded in the leaderboard's ledger.</summary>
public sealed partial class BattleGrain
{
    public async Task<VoteReveal> VoteAsync(string sessionId, BattleOutcome outcome)
    {
        EnsureExists();
        if (!Enum.IsDefined(outcome))
        {
            throw ArenaException.Invalid($"Unknown vote {(int)outcome}; vote a, b, tie or both_bad.");
        }

        if (!string.Equals(sessionId, Battle.SessionId, StringComparison.Ordinal))
        {
            throw ArenaException.Forbidden("This battle belongs to another session; only the person who started it can vote.");
        }

        if (Battle.Reveal is not null)
        {
            throw ArenaException.Conflict("This battle has already been voted on.");
        }

        if (Battle.Vote is { } pending)
        {
            // A stored vote whose result was not recorded yet (a crash in between): finish that one.
            return pending == outcome
                ? await CompleteVoteAsync()
                : throw ArenaException.Conflict("This battle has already been voted on.");
        }

        switch (Battle.Status)
        {
            case BattleStatus.Streaming:
                throw ArenaException.Conflict("Both assistants must finish answering before you vote.");
            case BattleStatus.Failed when Battle.Turns[^1] is var last && (last.A.StoppedEmpty || last.B.StoppedEmpty):
                throw ArenaException.Conflict("An assistant was stopped before it wrote anything, so there is nothing to judge. Regenerate to get new answers.");
            case BattleStatus.Failed:
                throw ArenaException.Conflict("One assistant failed, so this battle cannot be voted on. Start a new round.");
        }

        Battle.Vote = outcome;
        Battle.VotedAt = time.GetUtcNow();
        try
        {
            await SaveAsync();
        }
        catch
        {
            Battle.Vote = null;
            Battle.VotedAt = null;
            throw;
        }

        return await CompleteVoteAsync();
    }


    private async Task<VoteReveal> CompleteVoteAsync()
    {
        var excluded = AnonymityCheck.Violation(
            string.Concat(Battle.Turns.Where(t => !t.Superseded).Select(t => t.A.Text)),
            string.Concat(Battle.Turns.Where(t => !t.Superseded).Select(t => t.B.Text)),
            catalog.Find(Battle.ModelA),
            catalog.Find(Battle.ModelB));
        var vote = new VoteRecord(
            this.GetPrimaryKey(), Battle.ModelA, Battle.ModelB, Battle.Vote!.Value, Battle.Category, Battle.VotedAt!.Value,
            Battle.Mode, SessionHash(Battle.SessionId), excluded, Battle.ClientHash, VoterHashes.Prompt(Battle.Turns[0].Prompt));
        var reveal = await GrainFactory.GetGrain<ILeaderboardGrain>(0).RecordVoteAsync(vote);
        if (Battle.Mode == BattleMode.Named && reveal.ExcludedReason is null)
        {
            reveal = reveal with { ExcludedReason = "The models were named, so the vote is kept but not rated." };
        }

        var firstTime = Battle.Reveal is null;
        Battle.Reveal = reveal;
        Battle.Status = BattleStatus.Voted;
        await SaveAsync();
        if (firstTime)
        {
            await CountAsync(stats => stats.BattleVotedAsync(Battle.CreatedAt, Battle.VotedAt!.Value));
        }

        return reveal;
    }

    /// <summary>A short, one-way hash of the session id: the ledger can tell voters apart without knowing them.</summary>
    private static string SessionHash(string sessionId) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(sessionId)))[..16];
}
