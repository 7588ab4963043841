using System.Globalization;
using Arena.Battles;
using Arena.Ratings.Ledger;

namespace Arena.Ratings.Integrity;

/// <summary>
/// Screens votes per voter (its session, and its client address across sessions) for what rigging looks like:
/// votes that follow one model far beyond chance (a one-sided binomial test of the voter's choices for a model,
/// among its battles where that model appeared, against the model's overall win rate), vote bursts, many sessions
/// from one address, and the same prompt voted again and again. A voter that breaks a rule is flagged; its votes,
/// earlier ones too, are quarantined until an operator clears the flag. A cleared voter is not flagged again.
/// Not thread-safe: the leaderboard uses it inside its single writer.
/// </summary>
public sealed class RiggingDetector(IntegrityOptions options)
{
    private readonly Dictionary<string, VoterStats> _voters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, QuarantineFlag> _active = new(StringComparer.Ordinal);
    private readonly HashSet<string> _cleared = new(StringComparer.Ordinal);
    private readonly List<QuarantineFlag> _pending = [];
    private readonly RecentChoices _recent = new(options.BaselineWindow);

    /// <summary>The voter key of a vote's session, or null when the vote has none.</summary>
    public static string? SessionVoter(VoteRecord vote) =>
        vote.SessionHash.Length == 0 || vote.SessionHash == LedgerEntry.FromImport ? null : QuarantineFlag.SessionPrefix + vote.SessionHash;

    /// <summary>The voter key of a vote's client address, or null when the address is unknown.</summary>
    public static string? ClientVoter(VoteRecord vote) => vote.ClientHash.Length == 0 ? null : QuarantineFlag.ClientPrefix + vote.ClientHash;

    /// <summary>Flags found by <see cref="Observe"/> and not yet stored.</summary>
    public IReadOnlyList<QuarantineFlag> Pending => _pending;

    /// <summary>Takes in the stored flags: active ones hold votes back, cleared ones exempt their voter.</summary>
    public void Load(IEnumerable<QuarantineFlag> flags)
    {
        foreach (var flag in flags)
        {
            if (flag.Active)
            {
                _active[flag.Voter] = flag;
            }
            else
            {
                _cleared.Add(flag.Voter);
            }
        }
    }

    /// <summary>Tallies a vote without judging it (rebuilding the tallies from the ledger).</summary>
    public void Record(VoteRecord vote)
    {
        if (Screened(vote))
        {
            Tally(SessionVoter(vote), vote, trackSessions: false);
            Tally(ClientVoter(vote), vote, trackSessions: true);
            AddToBaseline(vote);
        }
    }

    /// <summary>
    /// Tallies a new vote and applies the rules to its voters; a voter that breaks one gets a pending flag, which
    /// quarantines this vote and the voter's earlier ones. <paramref name="record"/> gives a model's rated battles
    /// and wins overall; the test compares a voter with everyone else, so its own votes are taken out of them.
    /// </summary>
    public void Observe(VoteRecord vote, Func<string, (long Battles, long Wins)> record)
    {
        if (!Screened(vote))
        {
            return;
        }

        if (SessionVoter(vote) is { } session)
        {
            var stats = Tally(session, vote, trackSessions: false)!;
            Judge(session, stats, vote, record, options.SessionBurstVotes, options.SessionRepeatedPrompts, null);
        }

        if (ClientVoter(vote) is { } client)
        {
            var stats = Tally(client, vote, trackSessions: true)!;
            Judge(client, stats, vote, record, options.AddressBurstVotes, options.AddressRepeatedPrompts, options.MaxSessionsPerAddress);
        }

        AddToBaseline(vote);
    }

    /// <summary>The base rates leave out the votes of voters already flagged, so that an attack does not raise them.</summary>
    private void AddToBaseline(VoteRecord vote)
    {
        if (QuarantinedBy(vote) is null)
        {
            _recent.Add(vote);
        }
    }

    /// <summary>The flag (stored or pending) that holds this vote back, or null when it may count.</summary>
    public QuarantineFlag? QuarantinedBy(VoteRecord vote)
    {
        if (!Screened(vote))
        {
            return null;
        }

        foreach (var voter in new[] { SessionVoter(vote), ClientVoter(vote) })
        {
            if (voter is not null && _active.TryGetValue(voter, out var flag))
            {
                return flag;
            }
        }

        return null;
    }

    /// <summary>The voters active flags hold back, for reading the ledger without building each row's vote.</summary>
    public Rebuild.VoteHold Hold() => new(
        _active.Keys.Where(v => v.StartsWith(QuarantineFlag.SessionPrefix, StringComparison.Ordinal)).Select(v => v[QuarantineFlag.SessionPrefix.Length..]),
        _active.Keys.Where(v => v.StartsWith(QuarantineFlag.ClientPrefix, StringComparison.Ordinal)).Select(v => v[QuarantineFlag.ClientPrefix.Length..]));

    /// <summary>The pending flags are stored: they stay active, and are no longer pending.</summary>
    public void Committed() => _pending.Clear();

    /// <summary>Clears a voter's flag: its votes may count again, and it is not flagged again.</summary>
    public void Clear(string voter)
    {
        _active.Remove(voter);
        _cleared.Add(voter);
    }

    /// <summary>How many votes this voter has cast (0 if none is known).</summary>
    public long VotesOf(string voter) => _voters.GetValueOrDefault(voter)?.Votes ?? 0;

    /// <summary>Only anonymous votes of identified voters are screened; named battles never count anyway.</summary>
    private static bool Screened(VoteRecord vote) => vote.Mode == BattleMode.Anonymous && (SessionVoter(vote) is not null || ClientVoter(vote) is not null);

    private VoterStats? Tally(string? voter, VoteRecord vote, bool trackSessions)
    {
        if (voter is null)
        {
            return null;
        }

        if (!_voters.TryGetValue(voter, out var stats))
        {
            stats = new VoterStats();
            _voters[voter] = stats;
        }

        stats.LastRepeats = stats.Add(vote, trackSessions, options.BurstWindow);
        return stats;
    }

    private void Judge(string voter, VoterStats stats, VoteRecord vote, Func<string, (long Battles, long Wins)> record, int burstLimit, int promptLimit, int? sessionLimit)
    {
        if (_active.ContainsKey(voter) || _cleared.Contains(voter))
        {
            return;
        }

        var reason = Follows(stats, vote.ModelA, record) ?? Follows(stats, vote.ModelB, record) ?? Seeks(stats, vote);
        if (reason is null && stats.RecentVotes > burstLimit)
        {
            reason = Text($"a burst of {stats.RecentVotes} votes within {options.BurstWindow} (the limit is {burstLimit})");
        }

        if (reason is null && stats.LastRepeats > promptLimit)
        {
            reason = Text($"the same prompt in {stats.LastRepeats} voted battles (the limit is {promptLimit})");
        }

        if (reason is null && sessionLimit is { } limit && stats.SessionsWithin(vote.VotedAt, options.SessionWindow, limit) is var sessions && sessions > limit)
        {
            reason = Text($"{sessions} sessions voted from this address within {options.SessionWindow} (the limit is {limit})");
        }

        if (reason is not null)
        {
            var flag = new QuarantineFlag(voter, reason, vote.VotedAt);
            _active[voter] = flag;
            _pending.Add(flag);
        }
    }

    /// <summary>The follow-one-model rule for one model of the vote: null unless the test rejects chance.</summary>
    private string? Follows(VoterStats stats, string model, Func<string, (long Battles, long Wins)> record)
    {
        var (appeared, chosen) = stats.With(model);
        if (appeared < options.MinVotes)
        {
            return null;
        }

        // The model's win rate among the other voters' rated battles (a voter's tallies may hold votes that were not
        // rated, hence the clamps), smoothed by one win and one loss.
        var (battles, wins) = record(model);
        var othersBattles = Math.Max(0, battles - appeared);
        var othersWins = Math.Clamp(wins - chosen, 0, othersBattles);
        var rate = (othersWins + 1.0) / (othersBattles + 2.0);
        if (chosen <= appeared * rate)
        {
            return null;
        }

        var p = BinomialTest.UpperTail(appeared, chosen, rate);
        return p < options.Alpha
            ? Text($"chose {model} in {chosen} of {appeared} battles where it appeared, against its win rate of {rate:F3} (one-sided binomial p = {p:G3}, alpha {options.Alpha:G3})")
            : null;
    }

    /// <summary>
    /// The target-only rule: a voter that votes only on battles with its model, and for it, chooses that model in far
    /// more of all its votes than the model is chosen in the recent votes of everyone (who see it in a share of
    /// their battles only). Null unless the one-sided binomial test rejects chance.
    /// </summary>
    private string? Seeks(VoterStats stats, VoteRecord vote)
    {
        var model = vote.Outcome switch { BattleOutcome.A => vote.ModelA, BattleOutcome.B => vote.ModelB, _ => null };
        if (model is null || stats.Votes < options.MinVotes)
        {
            return null;
        }

        var chosen = stats.With(model).Chosen;
        var rate = _recent.ChosenRate(model);
        var n = (int)Math.Min(stats.Votes, int.MaxValue);
        if (chosen <= n * rate)
        {
            return null;
        }

        var p = BinomialTest.UpperTail(n, chosen, rate);
        return p < options.Alpha
            ? Text($"chose {model} in {chosen} of its {n} votes, while recent votes choose it in {rate:P1} (one-sided binomial p = {p:G3}, alpha {options.Alpha:G3})")
            : null;
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
