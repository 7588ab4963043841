using Arena.Ratings;

namespace Arena.Web.Components.Leaderboard;

/// <summary>The leaderboard table's sortable columns.</summary>
public enum LeaderboardColumn
{
    Rank,
    Model,
    Elo,
    BradleyTerry,
    Votes,
    WinRate,
}

/// <summary>How the leaderboard table is ordered: a column and a direction.</summary>
public sealed record LeaderboardSort(LeaderboardColumn Column, bool Descending)
{
    /// <summary>Rank (UB) first, best Bradley–Terry rating breaking ties, as Chatbot Arena orders it.</summary>
    public static LeaderboardSort Default { get; } = new(LeaderboardColumn.Rank, Descending: false);

    /// <summary>The order after a click on <paramref name="column"/>: the same column flips, another starts in its natural direction.</summary>
    public LeaderboardSort Toggle(LeaderboardColumn column) =>
        column == Column ? this with { Descending = !Descending } : new(column, NaturalDescending(column));

    /// <summary>
    /// The standings in this order. The sort is stable over the given (Elo) order, and models without a
    /// Bradley–Terry fit yet come last in the Rank and Bradley–Terry orders whichever the direction.
    /// </summary>
    public IReadOnlyList<ModelStanding> Apply(IReadOnlyList<ModelStanding> models)
    {
        var ordered = Column switch
        {
            LeaderboardColumn.Rank => Descending
                ? WithFitFirst(models, m => m.BradleyTerry!.RankUb).ThenBy(m => m.BradleyTerry?.Rating)
                : WithFitFirst(models, m => m.BradleyTerry!.RankUb).ThenByDescending(m => m.BradleyTerry?.Rating),
            LeaderboardColumn.BradleyTerry => WithFitFirst(models, m => m.BradleyTerry!.Rating),
            LeaderboardColumn.Model => By(models, m => m.Model, StringComparer.Ordinal),
            LeaderboardColumn.Elo => By(models, m => m.Rating),
            LeaderboardColumn.Votes => By(models, m => m.Votes),
            _ => By(models, WinRate),
        };
        return ordered.ToArray();
    }

    /// <summary>Wins over votes, 0 without votes.</summary>
    public static double WinRate(ModelStanding model) => Ratings.WinRate.Of(model.Wins, model.Ties, model.Votes) ?? 0;

    private static bool NaturalDescending(LeaderboardColumn column) => column is not (LeaderboardColumn.Rank or LeaderboardColumn.Model);

    private IOrderedEnumerable<ModelStanding> By<TKey>(IEnumerable<ModelStanding> models, Func<ModelStanding, TKey> key, IComparer<TKey>? comparer = null) =>
        Descending ? models.OrderByDescending(key, comparer) : models.OrderBy(key, comparer);

    private IOrderedEnumerable<ModelStanding> WithFitFirst<TKey>(IEnumerable<ModelStanding> models, Func<ModelStanding, TKey> key)
    {
        var fitFirst = models.OrderBy(m => m.BradleyTerry is null);
        return Descending
            ? fitFirst.ThenByDescending(m => m.BradleyTerry is null ? default : key(m))
            : fitFirst.ThenBy(m => m.BradleyTerry is null ? default : key(m));
    }
}
