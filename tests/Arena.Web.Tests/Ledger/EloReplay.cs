using Arena.Ratings;
using Arena.Ratings.Ledger;

namespace Arena.Web.Tests.Ledger;

/// <summary>Online Elo replayed with <see cref="Elo.Update"/> over counted battles in order: what the leaderboard must show.</summary>
public static class EloReplay
{
    public static Dictionary<string, double> Ratings(IEnumerable<(string ModelA, string ModelB, string Winner)> battles, EloOptions options)
    {
        var ratings = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (a, b, winner) in battles)
        {
            var outcome = LedgerEntry.ParseOutcome(winner) ?? throw new InvalidDataException($"Unknown winner '{winner}'.");
            var (newA, newB) = Elo.Update(
                ratings.GetValueOrDefault(a, options.InitialRating),
                ratings.GetValueOrDefault(b, options.InitialRating),
                Elo.ScoreOfA(outcome, options),
                options);
            ratings[a] = newA;
            ratings[b] = newB;
        }

        return ratings;
    }

    /// <summary>Asserts the leaderboard's Elo of every model equals the replay to 1e-9, and that it has no others.</summary>
    public static void AssertMatches(IReadOnlyDictionary<string, double> expected, Arena.Web.Tests.Api.LeaderboardView board)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), board.Models.Select(m => m.Model).Order(StringComparer.Ordinal));
        foreach (var model in board.Models)
        {
            Assert.True(Math.Abs(expected[model.Model] - model.Rating) <= 1e-9, $"{model.Model}: expected {expected[model.Model]}, got {model.Rating}");
        }
    }
}
