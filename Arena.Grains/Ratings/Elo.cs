using Arena.Battles;

namespace Arena.Ratings;

/// <summary>Online Elo: one update per comparison, in order.</summary>
public static class Elo
{
    /// <summary>The probability that a model rated <paramref name="rating"/> beats one rated <paramref name="opponent"/>.</summary>
    public static double Expected(double rating, double opponent, EloOptions options) =>
        1.0 / (1.0 + Math.Pow(options.Base, (opponent - rating) / options.Scale));

    /// <summary>The score of side A for an outcome (1 win, 0 loss, tie and both-bad as configured).</summary>
    public static double ScoreOfA(BattleOutcome outcome, EloOptions options) => outcome switch
    {
        BattleOutcome.A => 1.0,
        BattleOutcome.B => 0.0,
        BattleOutcome.Tie => options.TieScore,
        BattleOutcome.BothBad => options.BothBadScore,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown outcome."),
    };

    /// <summary>Both ratings after one comparison in which A scored <paramref name="scoreA"/>.</summary>
    public static (double A, double B) Update(double ratingA, double ratingB, double scoreA, EloOptions options)
    {
        var expectedA = Expected(ratingA, ratingB, options);
        var expectedB = Expected(ratingB, ratingA, options);
        return (ratingA + options.K * (scoreA - expectedA), ratingB + options.K * ((1.0 - scoreA) - expectedB));
    }
}
