using Arena.Battles;
using Arena.Models;
using Arena.Ratings.Ledger;

namespace Arena.Web.Models;

/// <summary>A model's overall Elo after each of its counted votes, read from the ledger.</summary>
public sealed class RatingHistory(IVoteLedger ledger, ModelCatalog catalog)
{
    /// <summary>One point: the rating after a vote, and what moved it.</summary>
    public sealed record Point(long Seq, DateTimeOffset VotedAt, double Rating, double Delta, string Opponent, string Result);

    /// <summary>The model's points in ledger order, thinned to at most <paramref name="limit"/> evenly spaced ones (the last always kept).</summary>
    public async Task<IReadOnlyList<Point>> ForAsync(string model, int limit, CancellationToken cancellationToken)
    {
        if (limit is < 2 or > 10_000)
        {
            throw ArenaException.Invalid($"limit must be between 2 and 10000; it was {limit}.");
        }

        var points = new List<Point>();
        await foreach (var entry in ledger.ReadAsync(0, cancellationToken))
        {
            var vote = entry.Vote;
            if (!vote.Counts || (vote.ModelA != model && vote.ModelB != model))
            {
                continue;
            }

            var isA = vote.ModelA == model;
            var result = vote.Outcome switch
            {
                BattleOutcome.A => isA ? "win" : "loss",
                BattleOutcome.B => isA ? "loss" : "win",
                _ => "tie",
            };
            points.Add(new Point(entry.Seq, vote.VotedAt, isA ? entry.RatingA : entry.RatingB, isA ? entry.DeltaA : entry.DeltaB, isA ? vote.ModelB : vote.ModelA, result));
        }

        if (points.Count == 0 && catalog.Find(model) is null)
        {
            throw ArenaException.NotFound($"There is no model '{model}' and no votes for it.");
        }

        if (points.Count <= limit)
        {
            return points;
        }

        var step = (points.Count - 1) / (double)(limit - 1);
        return Enumerable.Range(0, limit).Select(i => points[(int)Math.Round(i * step)]).ToArray();
    }
}
