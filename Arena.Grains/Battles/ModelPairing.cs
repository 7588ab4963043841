namespace Arena.Battles;

/// <summary>Draws the two models of a battle.</summary>
public static class ModelPairing
{
    /// <summary>
    /// Two distinct models drawn uniformly: every ordered pair is equally likely, so each model is
    /// equally likely to be A or B.
    /// </summary>
    public static (string A, string B) Draw(IReadOnlyList<string> models, Random random)
    {
        if (models.Count < 2)
        {
            throw ArenaException.Unavailable(
                $"A battle needs two models and {models.Count} {(models.Count == 1 ? "is" : "are")} available. Try again shortly.");
        }

        var first = random.Next(models.Count);
        var second = random.Next(models.Count - 1);
        if (second >= first)
        {
            second++;
        }

        return (models[first], models[second]);
    }
}
