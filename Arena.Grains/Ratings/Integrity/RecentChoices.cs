using Arena.Battles;

namespace Arena.Ratings.Integrity;

/// <summary>The last votes of everyone, as the model each chose (none for a tie): each model's recent rate of being chosen.</summary>
internal sealed class RecentChoices(int window)
{
    private readonly Queue<string?> _votes = new();
    private readonly Dictionary<string, int> _chosen = new(StringComparer.Ordinal);

    public void Add(VoteRecord vote)
    {
        var model = vote.Outcome switch { BattleOutcome.A => vote.ModelA, BattleOutcome.B => vote.ModelB, _ => null };
        _votes.Enqueue(model);
        if (model is not null)
        {
            _chosen[model] = _chosen.GetValueOrDefault(model) + 1;
        }

        if (_votes.Count > window && _votes.Dequeue() is { } old)
        {
            _chosen[old]--;
        }
    }

    /// <summary>The share of recent votes that chose <paramref name="model"/>, smoothed by one vote each way.</summary>
    public double ChosenRate(string model) => (_chosen.GetValueOrDefault(model) + 1.0) / (_votes.Count + 2.0);
}
