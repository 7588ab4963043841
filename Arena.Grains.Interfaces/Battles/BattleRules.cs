namespace Arena.Battles;

/// <summary>Limits and words every battle follows, shared by the grain and its clients.</summary>
public static class BattleRules
{
    /// <summary>The most prompts a conversation may hold (regenerated turns not counted).</summary>
    public const int MaxTurns = 20;

    /// <summary>
    /// The finish reason of a side the owner stopped: its status is <see cref="SideStatus.Done"/> and its
    /// text is what the model wrote until then.
    /// </summary>
    public const string StoppedReason = "stopped";

    /// <summary>The read-only page of a shared battle, relative to the site.</summary>
    public static string SharePath(Guid battleId) => $"/b/{battleId}";

    /// <summary>
    /// Whether the owner may share a battle now: a blind one once the vote revealed the models (its answers would
    /// give them away before), a named one once no side is answering.
    /// </summary>
    public static bool MayShare(BattleMode mode, BattleStatus status, bool revealed) =>
        mode == BattleMode.Named ? status != BattleStatus.Streaming : revealed;
}
