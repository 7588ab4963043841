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
        var points = (await ForAllAsync([model], limit, cancellationToken))[model];
        if (points.Count == 0 && catalog.Find(model) is null)
        {
            throw ArenaException.NotFound($"There is no model '{model}' and no votes for it.");
        }

        return points;
    }

    /// <summary>Each model's points, as <see cref="ForAsync"/> gives them, from one read of the ledger.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<Point>>> ForAllAsync(
        IReadOnlyCollection<string> models, int limit, CancellationToken cancellationToken)
    {
        if (limit is < 2 or > 10_000)
        {
            throw ArenaException.Invalid($"limit must be between 2 and 10000; it was {limit}.");
        }

        var points = models.Distinct(StringComparer.Ordinal).ToDictionary(m => m, _ => new List<Point>(), StringComparer.Ordinal);
        await foreach (var entry in ledger.ReadAsync(0, cancellationToken))
        {
            var vote = entry.Vote;
            if (!vote.Counts)
            {
                continue;
            }

            if (points.TryGetValue(vote.ModelA, out var a))
            {
                a.Add(new Point(entry.Seq, vote.VotedAt, entry.RatingA, entry.DeltaA, vote.ModelB, ResultFor(vote.Outcome, isA: true)));
            }

            if (points.TryGetValue(vote.ModelB, out var b))
            {
                b.Add(new Point(entry.Seq, vote.VotedAt, entry.RatingB, entry.DeltaB, vote.ModelA, ResultFor(vote.Outcome, isA: false)));
            }
        }

        return points.ToDictionary(p => p.Key, p => Thin(p.Value, limit), StringComparer.Ordinal);
    }

    private static string ResultFor(BattleOutcome outcome, bool isA) => outcome switch
    {
        BattleOutcome.A => isA ? "win" : "loss",
        BattleOutcome.B => isA ? "loss" : "win",
        _ => "tie",
    };

    private static IReadOnlyList<Point> Thin(List<Point> points, int limit)
    {
        if (points.Count <= limit)
        {
            return points;
        }

        var step = (points.Count - 1) / (double)(limit - 1);
        return Enumerable.Range(0, limit).Select(i => points[(int)Math.Round(i * step)]).ToArray();
    }
}
