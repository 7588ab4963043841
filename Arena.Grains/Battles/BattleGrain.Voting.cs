using Arena.Ratings;
using Arena.Ratings.Integrity;
using Microsoft.Extensions.Logging;

namespace Arena.Battles;

/// <summary>
/// The vote: checked once against the battle's rules, made durable in the vote outbox (the battle's one write
/// before the ledger), counted by the leaderboard, then stored with its reveal. A vote in the outbox always
/// reaches the ledger: this activation keeps retrying, a new activation picks it up again, and the leaderboard
/// drains the outbox by itself. Every later vote call answers with the vote that counts.
/// </summary>
public sealed partial class BattleGrain
{
    private static readonly TimeSpan CompletionRetryPeriod = TimeSpan.FromSeconds(5);

    /// <summary>The vote in the outbox that the leaderboard has not confirmed yet.</summary>
    private VoteRecord? _pendingVote;
    private Task<VoteReveal>? _completing;
    private IGrainTimer? _completionRetry;

    /// <summary>True after a vote write whose outcome is unknown (it failed or timed out): the store is asked before anything else.</summary>
    private bool _voteWriteUncertain;

    /// <summary>The battle's own copy of a counted vote's reveal, on its way to storage (never faults: failures are logged).</summary>
    private Task _storingReveal = Task.CompletedTask;

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

        if (_voteWriteUncertain)
        {
            await RecoverVoteAsync();
        }

        // A repeated vote, whatever its choice, answers with the vote that counts (its outcome says which).
        if (Battle.Reveal is { } revealed)
        {
            return revealed;
        }

        if (_pendingVote is not null)
        {
            return await AwaitRevealAsync();
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

        var vote = BuildVote(outcome, time.GetUtcNow());
        try
        {
            await outbox.AddAsync(vote);
        }
        catch (Exception ex) when (ex is not ArenaException)
        {
            // It may have committed all the same: the next call asks the store before voting again.
            _voteWriteUncertain = true;
            LogVoteWriteFailed(logger, ex, this.GetPrimaryKey());
            throw ArenaException.Unavailable("Your vote could not be recorded just now; vote again in a moment.");
        }

        MarkPending(vote);
        return await AwaitRevealAsync();
    }

    /// <summary>
    /// After a crash or a lost write: the battle's vote, if it has one, from the outbox (then it is counted
    /// again, idempotently) or from the ledger (then it is shown). Outbox first: a vote moves from there to the
    /// ledger in one transaction, so reading in this order cannot miss it.
    /// </summary>
    private async Task RecoverVoteAsync()
    {
        if (Battle.Status != BattleStatus.ReadyToVote || Battle.Reveal is not null || _pendingVote is not null)
        {
            return;
        }

        var id = this.GetPrimaryKey();
        if (await outbox.FindAsync(id) is { } waiting)
        {
            MarkPending(waiting);
            _completing = CompleteVoteAsync(waiting);
        }
        else if ((await ledger.FindAsync([id])).TryGetValue(id, out var counted))
        {
            Battle.VotedAt = counted.Vote.VotedAt;
            await RevealAsync(Named(counted.Reveal));
        }

        _voteWriteUncertain = false;
    }

    private void MarkPending(VoteRecord vote)
    {
        _pendingVote = vote;
        Battle.Vote = vote.Outcome;
        Battle.VotedAt = vote.VotedAt;
        Battle.Status = BattleStatus.Voted;
        _voteWriteUncertain = false;
    }

    /// <summary>The reveal once the leaderboard counted the vote, waiting at most <see cref="RatingsOptions.RevealWait"/>.</summary>
    private async Task<VoteReveal> AwaitRevealAsync()
    {
        var pending = _pendingVote!;
        var completing = _completing ??= CompleteVoteAsync(pending);
        try
        {
            return await completing.WaitAsync(ratings.Value.RevealWait, time);
        }
        catch (Exception ex) when (ex is not ArenaException)
        {
            // The vote is durable and will count; the answer says so rather than failing.
            LogRevealPending(logger, this.GetPrimaryKey());
            throw new VotePendingException(pending.Outcome);
        }
    }

    /// <summary>
    /// Counts the vote (idempotent by battle id) and answers with its reveal; on failure, tries again on a timer. The
    /// answer does not wait for the battle's own copy of the reveal to be stored: the vote is durable in the ledger by
    /// then, and a battle whose stored state lacks the reveal finds it there again (<see cref="RecoverVoteAsync"/>).
    /// </summary>
    private async Task<VoteReveal> CompleteVoteAsync(VoteRecord vote)
    {
        try
        {
            var reveal = await GrainFactory.GetGrain<ILeaderboardGrain>(0).RecordVoteAsync(vote);
            var firstTime = ShowReveal(Named(reveal));
            _storingReveal = StoreRevealAsync();
            if (firstTime)
            {
                await CountVotedAsync();
            }

            return Battle.Reveal!;
        }
        catch (Exception ex)
        {
            LogVoteNotCounted(logger, ex, this.GetPrimaryKey());
            _completing = null;
            _completionRetry ??= this.RegisterGrainTimer(RetryCompletionAsync, CompletionRetryPeriod, CompletionRetryPeriod);
            throw;
        }
    }

    private async Task RetryCompletionAsync(CancellationToken cancellationToken)
    {
        if (_pendingVote is not { } vote)
        {
            return;
        }

        try
        {
            await (_completing ??= CompleteVoteAsync(vote));
        }
        catch (Exception)
        {
            // Logged by CompleteVoteAsync; the timer tries again.
        }
    }

    /// <summary>An activation that ends lets its reveal reach storage first, so that the next one reads it and the stored version.</summary>
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _storingReveal.WaitAsync(cancellationToken);

    /// <summary>Shows the counted vote, stores it with its reveal, and counts it in the battle counters the first time.</summary>
    private async Task RevealAsync(VoteReveal reveal)
    {
        var firstTime = ShowReveal(reveal);
        await StoreRevealAsync();
        if (firstTime)
        {
            await CountVotedAsync();
        }
    }

    /// <summary>The counted vote, shown from now on (a repeated vote answers with it); true the first time.</summary>
    private bool ShowReveal(VoteReveal reveal)
    {
        var firstTime = Battle.Reveal is null;
        Battle.Reveal = reveal;
        Battle.Vote = reveal.Outcome;
        Battle.Status = BattleStatus.Voted;
        _pendingVote = null;
        _completionRetry?.Dispose();
        _completionRetry = null;
        return firstTime;
    }

    /// <summary>Stores the battle with its reveal; a failed write is logged (the ledger holds the vote).</summary>
    private async Task StoreRevealAsync()
    {
        try
        {
            await SaveAsync();
        }
        catch (Exception ex)
        {
            LogRevealNotSaved(logger, ex, this.GetPrimaryKey());
        }
    }

    private Task CountVotedAsync() => CountAsync(stats => stats.BattleVotedAsync(Battle.CreatedAt, Battle.VotedAt ?? time.GetUtcNow()));

    private VoteReveal Named(VoteReveal reveal) =>
        Battle.Mode == BattleMode.Named && reveal.ExcludedReason is null
            ? reveal with { ExcludedReason = "The models were named, so the vote is kept but not rated." }
            : reveal;

    /// <summary>The vote as the ledger records it, with the reason it is not rated, if any.</summary>
    private VoteRecord BuildVote(BattleOutcome outcome, DateTimeOffset votedAt)
    {
        var answered = Battle.Turns.Where(t => !t.Superseded).ToArray();
        var excluded = (Battle.Mode == BattleMode.Anonymous ? VoteQuality.Violation(Battle, votedAt, ratings.Value.MinVoteDelay) : null)
            ?? AnonymityCheck.Violation(
                string.Concat(answered.Select(t => t.A.Text)),
                string.Concat(answered.Select(t => t.B.Text)),
                catalog.Find(Battle.ModelA),
                catalog.Find(Battle.ModelB));
        return new VoteRecord(
            this.GetPrimaryKey(), Battle.ModelA, Battle.ModelB, outcome, Battle.Category, votedAt,
            Battle.Mode, SessionHash(Battle.SessionId), excluded, Battle.ClientHash, VoterHashes.Prompt(Battle.Turns[0].Prompt));
    }

    /// <summary>A short, one-way hash of the session id: the ledger can tell voters apart without knowing them.</summary>
    private static string SessionHash(string sessionId) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(sessionId)))[..16];

    [LoggerMessage(Level = LogLevel.Error, Message = "Battle {BattleId}: the vote could not be written to the outbox")]
    private static partial void LogVoteWriteFailed(ILogger logger, Exception exception, Guid battleId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Battle {BattleId}: the vote is recorded but the leaderboard has not confirmed it yet; the reveal follows")]
    private static partial void LogRevealPending(ILogger logger, Guid battleId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Battle {BattleId}: the leaderboard did not count the recorded vote; trying again")]
    private static partial void LogVoteNotCounted(ILogger logger, Exception exception, Guid battleId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Battle {BattleId}: the reveal could not be stored; the ledger holds the vote")]
    private static partial void LogRevealNotSaved(ILogger logger, Exception exception, Guid battleId);
}
