using Arena.Web.Models;

namespace Arena.Web.Components.Statistics;

/// <summary>
/// How much the arena is used, rebuilt from the models' rating histories: every counted vote appears in
/// two histories (one per model), so votes are told apart by their ledger sequence number.
/// </summary>
public sealed record Engagement(int Votes, int Decisive, int Ties, IReadOnlyList<Engagement.Day> PerDay)
{
    /// <summary>The counted votes cast on one UTC day.</summary>
    public sealed record Day(DateOnly Date, int Votes);

    /// <summary>The votes behind the given histories, with the last <paramref name="days"/> days (empty ones included, ending with the last vote's day).</summary>
    public static Engagement From(IEnumerable<IReadOnlyList<RatingHistory.Point>> histories, int days = 14)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var votes = new Dictionary<long, RatingHistory.Point>();
        foreach (var point in histories.SelectMany(h => h))
        {
            votes.TryAdd(point.Seq, point);
        }

        if (votes.Count == 0)
        {
            return new Engagement(0, 0, 0, []);
        }

        var ties = votes.Values.Count(p => p.Result == "tie");
        var byDay = votes.Values.GroupBy(p => DateOnly.FromDateTime(p.VotedAt.UtcDateTime)).ToDictionary(g => g.Key, g => g.Count());
        var last = byDay.Keys.Max();
        var perDay = Enumerable.Range(0, days)
            .Select(i => last.AddDays(i - days + 1))
            .Select(d => new Day(d, byDay.GetValueOrDefault(d)))
            .ToArray();
        return new Engagement(votes.Count, votes.Count - ties, ties, perDay);
    }
}
