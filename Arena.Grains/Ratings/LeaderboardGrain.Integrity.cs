using Arena.Battles;
using Arena.Ratings.Integrity;
using Arena.Ratings.Ledger;
using Microsoft.Extensions.Logging;

namespace Arena.Ratings;

/// <summary>
/// Rigging defence: votes are screened per voter as they are committed; a flagged voter's votes, earlier ones
/// too, are quarantined (kept in the ledger, not rated), which rebuilds the ratings from the ledger; an operator
/// may clear a flag, which rebuilds them with those votes again.
/// </summary>
public sealed partial class LeaderboardGrain
{
    /// <summary>What the reveal of a quarantined vote says: that it does not count, not which rule or voter tripped.</summary>
    public const string QuarantineNotice = "This vote is recorded but held back from the ratings for review.";

    private const int ListedBattles = 100;

    private RiggingDetector? _detector;
    private bool _detectorStale;
    private long _quarantineVersion;
    private long _quarantinedVotes;

    public async Task<QuarantineReport> GetQuarantineAsync()
    {
        var flags = await Task.Run(() => integrity.Store.ListAsync());
        var voters = new List<QuarantinedVoter>();
        foreach (var flag in flags)
        {
            var battles = await Task.Run(() => integrity.Store.BattlesOfAsync(flag.Voter, ListedBattles));
            voters.Add(new QuarantinedVoter(flag, _detector?.VotesOf(flag.Voter) ?? battles.Count, battles));
        }

        return new QuarantineReport(voters, _quarantinedVotes);
    }

    public async Task<QuarantineCleared> ClearQuarantineAsync(string voter)
    {
        if (string.IsNullOrWhiteSpace(voter)
            || !(voter.StartsWith(QuarantineFlag.SessionPrefix, StringComparison.Ordinal) || voter.StartsWith(QuarantineFlag.ClientPrefix, StringComparison.Ordinal)))
        {
            throw ArenaException.Invalid($"'{voter}' is not a voter: give one as listed by the quarantine, {QuarantineFlag.SessionPrefix}<hash> or {QuarantineFlag.ClientPrefix}<hash>.");
        }

        await _writing.WaitAsync();
        try
        {
            if (!await Task.Run(() => integrity.Store.ClearAsync(voter, time.GetUtcNow())))
            {
                throw ArenaException.NotFound($"Voter {voter} has no active quarantine; list them with GET /api/admin/integrity/quarantine.");
            }

            _detector?.Clear(voter);
            var before = _quarantinedVotes;
            await RebuildAsync(_quarantineVersion + 1);
            LogCleared(logger, voter, before - _quarantinedVotes);
            return new QuarantineCleared(voter, before - _quarantinedVotes, _quarantinedVotes);
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>
    /// Loads the flags and the voters' tallies from the ledger. If the flags changed since the checkpoint (a crash
    /// between storing a flag and the rebuild), the checkpoint is dropped so that the replay rebuilds everything.
    /// </summary>
    private async Task LoadQuarantineAsync(CancellationToken cancellationToken)
    {
        _detector = null;
        _detectorStale = false;
        _quarantineVersion = 0; // disabled: no flag holds a vote back
        if (integrity.Options.Enabled)
        {
            var flags = await integrity.Store.ListAsync(cancellationToken);
            (_detector, _quarantinedVotes) = await LoadDetectorAsync(flags, cancellationToken);
            _quarantineVersion = Version(flags);
        }

        if (state.State.QuarantineVersion != _quarantineVersion)
        {
            state.State = new LeaderboardState { QuarantineVersion = _quarantineVersion };
        }
    }

    /// <summary>A detector with the stored flags and every voter's tallies from the ledger; also counts the votes held back.</summary>
    private async Task<(RiggingDetector Detector, long Quarantined)> LoadDetectorAsync(IReadOnlyList<QuarantineFlag> flags, CancellationToken cancellationToken)
    {
        var detector = new RiggingDetector(integrity.Options);
        detector.Load(flags);
        long held = 0;
        await foreach (var entry in ledger.ReadAsync(0, cancellationToken))
        {
            if (entry.Source == LedgerEntry.FromVote)
            {
                detector.Record(entry.Vote);
            }

            if (entry.Vote.Counts && detector.QuarantinedBy(entry.Vote) is not null)
            {
                held++;
            }
        }

        return (detector, held);
    }

    /// <summary>After a failed commit the tallies may hold votes that are not in the ledger: reload them from it.</summary>
    private async Task EnsureDetectorAsync()
    {
        if (_detectorStale)
        {
            var flags = await Task.Run(() => integrity.Store.ListAsync());
            (_detector, _quarantinedVotes) = await Task.Run(() => LoadDetectorAsync(flags, CancellationToken.None));
            _detectorStale = false;
            if (Version(flags) != _quarantineVersion)
            {
                await RebuildAsync(Version(flags));
            }
        }
    }

    /// <summary>Screens a new vote against its voters' records so far; a rule broken quarantines it (and them).</summary>
    private void Screen(VoteRecord vote, RatingBoard overall)
    {
        if (_detector is null)
        {
            return;
        }

        _detector.Observe(vote, model => overall.Models.TryGetValue(model, out var s) ? (s.Votes, s.Wins) : (0, 0));
        if (vote.Counts && _detector.QuarantinedBy(vote) is not null)
        {
            _quarantinedVotes++;
        }
    }

    /// <summary>The flag holding this vote back, or null.</summary>
    private QuarantineFlag? QuarantinedBy(VoteRecord vote) => _detector?.QuarantinedBy(vote);

    /// <summary>A ledger row's reveal; for a quarantined vote, one that moved nothing and says it is not rated.</summary>
    private VoteReveal RevealOf(LedgerEntry entry)
    {
        var reveal = entry.Reveal;
        return entry.Vote.Counts && QuarantinedBy(entry.Vote) is not null
            ? reveal with
            {
                A = reveal.A with { Rating = reveal.A.Rating - reveal.A.Delta, Delta = 0 },
                B = reveal.B with { Rating = reveal.B.Rating - reveal.B.Delta, Delta = 0 },
                ExcludedReason = QuarantineNotice,
            }
            : reveal;
    }

    /// <summary>Stores the flags raised by the last group and rebuilds the ratings without their voters' votes.</summary>
    private async Task QuarantineFlaggedAsync()
    {
        if (_detector is not { Pending.Count: > 0 } detector)
        {
            return;
        }

        var flags = detector.Pending.ToArray();
        try
        {
            await Task.Run(() => integrity.Store.AddAsync(flags));
            detector.Committed();
            foreach (var flag in flags)
            {
                LogFlagged(logger, flag.Voter, flag.Reason);
            }

            await RebuildAsync(_quarantineVersion + flags.Length);
        }
        catch (Exception ex)
        {
            // The votes are durable and acknowledged all the same; the flags will be raised again from the ledger.
            LogQuarantineFailed(logger, ex, flags.Length);
            DiscardScreening();
        }
    }

    /// <summary>Drops the detector's unsaved state; it is reloaded from the ledger before the next commit.</summary>
    private void DiscardScreening()
    {
        if (_detector is not null)
        {
            _detectorStale = true;
        }
    }

    /// <summary>Grows with every flag and every clearing, so a checkpoint can tell whether it is current.</summary>
    private static long Version(IReadOnlyList<QuarantineFlag> flags) => flags.Count + flags.Count(f => !f.Active);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Voter {Voter} quarantined: {Reason}")]
    private static partial void LogFlagged(ILogger logger, string voter, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quarantine of voter {Voter} cleared by an operator; {Restored} votes restored")]
    private static partial void LogCleared(ILogger logger, string voter, long restored);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} quarantine flags could not be stored; they will be raised again")]
    private static partial void LogQuarantineFailed(ILogger logger, Exception exception, int count);
}
