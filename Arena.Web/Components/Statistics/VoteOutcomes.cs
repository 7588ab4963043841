using Arena.Web.Models;

namespace Arena.Web.Components.Statistics;

/// <summary>
/// How the counted votes split between a winner and a tie (ties and "both are bad"), rebuilt from the
/// models' rating histories: every vote appears in two histories, so votes are told apart by ledger sequence.
/// </summary>
public sealed record VoteOutcomes(int Votes, int Decisive, int Ties)
{
    /// <summary>The outcomes of the votes behind the given histories.</summary>
    public static VoteOutcomes From(IEnumerable<IReadOnlyList<RatingHistory.Point>> histories)
    {
        var votes = new Dictionary<long, RatingHistory.Point>();
        foreach (var point in histories.SelectMany(h => h))
        {
            votes.TryAdd(point.Seq, point);
        }

        var ties = votes.Values.Count(p => p.Result == "tie");
        return new VoteOutcomes(votes.Count, votes.Count - ties, ties);
    }
}
