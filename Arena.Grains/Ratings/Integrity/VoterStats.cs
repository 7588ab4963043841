using Arena.Battles;

namespace Arena.Ratings.Integrity;

/// <summary>What one voter (a session or a client address) has voted: the tallies the rigging rules read.</summary>
internal sealed class VoterStats
{
    private readonly Dictionary<string, (int Appeared, int Chosen)> _models = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _prompts = new(StringComparer.Ordinal);
    private readonly Queue<DateTimeOffset> _recent = new();
    private readonly Dictionary<string, DateTimeOffset> _sessions = new(StringComparer.Ordinal);

    public long Votes { get; private set; }

    /// <summary>How often the voter has voted on the prompt of the last vote added.</summary>
    public int LastRepeats { get; set; }

    /// <summary>Adds a vote; returns how often this voter has now voted on its prompt.</summary>
    public int Add(VoteRecord vote, bool trackSessions, TimeSpan burstWindow)
    {
        Votes++;
        Count(vote.ModelA, vote.Outcome == BattleOutcome.A);
        Count(vote.ModelB, vote.Outcome == BattleOutcome.B);
        _recent.Enqueue(vote.VotedAt);
        while (_recent.Count > 0 && _recent.Peek() <= vote.VotedAt - burstWindow)
        {
            _recent.Dequeue();
        }

        if (trackSessions && vote.SessionHash.Length > 0)
        {
            _sessions[vote.SessionHash] = vote.VotedAt;
        }

        if (vote.PromptHash.Length == 0)
        {
            return 0;
        }

        var repeats = _prompts.GetValueOrDefault(vote.PromptHash) + 1;
        _prompts[vote.PromptHash] = repeats;
        return repeats;
    }

    /// <summary>Votes within the burst window up to the last vote added.</summary>
    public int RecentVotes => _recent.Count;

    /// <summary>The voter's battles with <paramref name="model"/>, and how many of them it gave to that model.</summary>
    public (int Appeared, int Chosen) With(string model) => _models.GetValueOrDefault(model);

    /// <summary>Distinct sessions that voted within <paramref name="window"/> before <paramref name="now"/> (older ones are forgotten).</summary>
    public int SessionsWithin(DateTimeOffset now, TimeSpan window, int limit)
    {
        if (_sessions.Count <= limit)
        {
            return _sessions.Count;
        }

        foreach (var old in _sessions.Where(s => s.Value <= now - window).Select(s => s.Key).ToArray())
        {
            _sessions.Remove(old);
        }

        return _sessions.Count;
    }

    private void Count(string model, bool chosen)
    {
        var (appeared, picked) = _models.GetValueOrDefault(model);
        _models[model] = (appeared + 1, picked + (chosen ? 1 : 0));
    }
}
