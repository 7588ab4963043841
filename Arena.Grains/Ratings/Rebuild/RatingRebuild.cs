using Arena.Battles;

namespace Arena.Ratings.Rebuild;

/// <summary>Every board (overall and one per category) from the rated votes of a whole ledger, in ledger order.</summary>
public static class RatingRebuild
{
    public static LeaderboardState Build(RatedVotes votes, EloOptions options)
    {
        ArgumentNullException.ThrowIfNull(votes);
        ArgumentNullException.ThrowIfNull(options);
        // The overall board and the category boards are independent: each pass keeps ledger order within its boards.
        var modelCount = votes.Models.Count;
        var overall = new BoardBuilder(modelCount);
        var categories = new BoardBuilder?[votes.Categories.Count];
        var order = new List<int>(); // categories in order of their first rated vote, as the boards are keyed
        Parallel.Invoke(
            () => BuildOverall(votes, overall, options),
            () => BuildCategories(votes, categories, order, options));

        var state = new LeaderboardState { Overall = overall.ToBoard(votes.Models), LastSeq = votes.LastSeq };
        foreach (var c in order)
        {
            state.Categories[votes.Categories[c]] = categories[c]!.ToBoard(votes.Models);
        }

        return state;
    }

    private static void BuildOverall(RatedVotes votes, BoardBuilder board, EloOptions options)
    {
        var scores = Scores(options);
        var a = votes.A;
        var b = votes.B;
        var outcomes = votes.Outcome;
        for (var n = 0; n < votes.Count; n++)
        {
            board.Apply(a[n], b[n], outcomes[n], scores[(int)outcomes[n]], options);
        }
    }

    private static void BuildCategories(RatedVotes votes, BoardBuilder?[] boards, List<int> order, EloOptions options)
    {
        var scores = Scores(options);
        var a = votes.A;
        var b = votes.B;
        var category = votes.Category;
        var outcomes = votes.Outcome;
        for (var n = 0; n < votes.Count; n++)
        {
            var board = boards[category[n]];
            if (board is null)
            {
                board = boards[category[n]] = new BoardBuilder(votes.Models.Count);
                order.Add(category[n]);
            }

            board.Apply(a[n], b[n], outcomes[n], scores[(int)outcomes[n]], options);
        }
    }

    private static double[] Scores(EloOptions options) =>
        [.. Enum.GetValues<BattleOutcome>().Order().Select(outcome => Elo.ScoreOfA(outcome, options))];
}
