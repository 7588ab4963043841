using Arena.Ratings;

namespace Arena.Web.Components.Statistics;

/// <summary>Each model's win rate over all its battles, read from the pairwise matrix (ties count half).</summary>
public static class WinRates
{
    /// <summary>One model's overall win rate and how many battles it rests on.</summary>
    public sealed record Row(string Model, double Rate, long Battles);

    /// <summary>Models with at least one battle, best win rate first (then most battles, then name).</summary>
    public static IReadOnlyList<Row> Of(PairMatrix matrix)
    {
        var rows = new List<Row>();
        for (var i = 0; i < matrix.Models.Count; i++)
        {
            double won = 0;
            long battles = 0;
            for (var j = 0; j < matrix.Models.Count; j++)
            {
                if (i != j && matrix.WinRates[i][j] is { } rate)
                {
                    won += rate * matrix.Battles[i][j];
                    battles += matrix.Battles[i][j];
                }
            }

            if (battles > 0)
            {
                rows.Add(new Row(matrix.Models[i], won / battles, battles));
            }
        }

        return rows.OrderByDescending(r => r.Rate).ThenByDescending(r => r.Battles).ThenBy(r => r.Model, StringComparer.Ordinal).ToArray();
    }
}
