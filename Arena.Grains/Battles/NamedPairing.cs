using Arena.Models;

namespace Arena.Battles;

/// <summary>Checks the two models a user named for a battle against the arena's pairable models.</summary>
public static class NamedPairing
{
    /// <summary>
    /// The pair to battle: both named or neither (then null, and the caller draws). Refuses, listing the
    /// valid ids, a model that is unknown, outside the arena or unavailable, and the same model twice.
    /// </summary>
    public static (string A, string B)? Check(string? modelA, string? modelB, ModelCatalog catalog, IReadOnlyList<(string Id, double Weight)> pairable)
    {
        var a = modelA?.Trim();
        var b = modelB?.Trim();
        if (string.IsNullOrEmpty(a) && string.IsNullOrEmpty(b))
        {
            return null;
        }

        var valid = pairable.Select(m => m.Id).ToArray();
        var choices = valid.Length == 0 ? "no model is available right now" : "choose from " + string.Join(", ", valid);
        if (string.IsNullOrEmpty(a) || string.IsNullOrEmpty(b))
        {
            throw ArenaException.Invalid($"Name both models (model_a and model_b) or neither; {choices}.");
        }

        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            throw ArenaException.Invalid($"A battle needs two different models, and both sides name '{a}'; {choices}.");
        }

        foreach (var id in new[] { a, b })
        {
            if (valid.Contains(id, StringComparer.Ordinal))
            {
                continue;
            }

            var why = catalog.Find(id) switch
            {
                null => "is not a known model",
                { InArena: false } => "does not take part in battles",
                _ => "is not available right now",
            };
            throw ArenaException.Invalid($"'{id}' {why}; {choices}.");
        }

        return (a, b);
    }
}
