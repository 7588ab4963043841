namespace Arena.Battles;

/// <summary>Draws the two models of a battle.</summary>
public static class ModelPairing
{
    /// <summary>
    /// Two distinct models, each drawn with probability proportional to its weight (the second from
    /// the rest), then placed on sides A and B by a fair coin. With equal weights every ordered pair
    /// is equally likely.
    /// </summary>
    public static (string A, string B) Draw(IReadOnlyList<(string Id, double Weight)> models, Random random)
    {
        if (models.Count < 2)
        {
            throw ArenaException.Unavailable(
                $"A battle needs two models and {models.Count} {(models.Count == 1 ? "is" : "are")} available right now. Try again shortly.");
        }

        var first = Pick(models, random, exclude: -1);
        var second = Pick(models, random, exclude: first);
        return random.Next(2) == 0 ? (models[first].Id, models[second].Id) : (models[second].Id, models[first].Id);
    }

    private static int Pick(IReadOnlyList<(string Id, double Weight)> models, Random random, int exclude)
    {
        var total = models.Where((_, i) => i != exclude).Sum(m => m.Weight);
        var target = random.NextDouble() * total;
        var last = -1;
        for (var i = 0; i < models.Count; i++)
        {
            if (i == exclude || models[i].Weight <= 0)
            {
                continue;
            }

            last = i;
            target -= models[i].Weight;
            if (target < 0)
            {
                return i;
            }
        }

        // Rounding can leave a sliver of the total: it belongs to the last model that can be drawn.
        return last >= 0 ? last : throw ArenaException.Unavailable("No model with a positive weight is available.");
    }
}
