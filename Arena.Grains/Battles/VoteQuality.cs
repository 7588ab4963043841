using System.Globalization;

namespace Arena.Battles;

/// <summary>
/// The Chatbot Arena's vote-quality rules: a vote on a battle where an assistant failed, or one cast too soon
/// after both answers finished to have read them, is recorded but not rated.
/// </summary>
public static class VoteQuality
{
    /// <summary>Why the vote must not be rated, or null when it may be.</summary>
    public static string? Violation(BattleState battle, DateTimeOffset votedAt, TimeSpan minDelay)
    {
        // The latest turn cannot have failed (such a battle takes no vote); an earlier, regenerated one may have.
        if (battle.Turns.Any(t => t.A.Status == SideStatus.Failed || t.B.Status == SideStatus.Failed))
        {
            return "An assistant failed in an earlier answer that was regenerated, so the vote is kept but not rated.";
        }

        if (battle.Turns.Count > 0 && battle.Turns[^1].FinishedAt is { } finished && votedAt - finished < minDelay)
        {
            var after = Math.Max(0, (votedAt - finished).TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture);
            var least = minDelay.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
            return $"The vote came {after} s after the answers finished, sooner than the {least} s it takes to read them, so it is kept but not rated.";
        }

        return null;
    }
}
