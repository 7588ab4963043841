namespace Arena.Battles;

/// <summary>One battle between two models, keyed by battle id.</summary>
public interface IBattleGrain : IGrainWithGuidKey
{
    /// <summary>Draws two models (or takes the two named ones), starts both answers and returns at once.</summary>
    Task<BattleSnapshot> StartAsync(StartBattle request);

    /// <summary>
    /// Files the battle under <paramref name="category"/>, which the classifier gave while the answers had already
    /// begun (the owner only). A voted battle keeps the category its vote was recorded with.
    /// </summary>
    Task<BattleSnapshot> FileCategoryAsync(string sessionId, string category);

    /// <summary>The battle, unchecked: for callers inside the cluster. Users read through <see cref="GetForAsync"/>. Throws NotFound for an unknown id.</summary>
    [ReadOnly]
    Task<BattleSnapshot> GetAsync();

    /// <summary>
    /// The battle as <paramref name="sessionId"/> may see it: its owner always, anyone else only once the owner
    /// shared it (<see cref="ShareAsync"/>). To anyone else it is NotFound, exactly like an unknown id.
    /// </summary>
    [ReadOnly]
    Task<BattleSnapshot> GetForAsync(string sessionId);

    /// <summary>
    /// Makes the battle readable by anyone at its share path (the owner only; a blind battle once voted, a named
    /// one once no side is answering, see <see cref="BattleRules.MayShare"/>). Sharing again changes nothing.
    /// </summary>
    Task<BattleSnapshot> ShareAsync(string sessionId);

    /// <summary>Where the battle stands (<see cref="BattleStatus.None"/> for an unknown id); reveals nothing else.</summary>
    [ReadOnly]
    Task<BattleStatus> GetStatusAsync();

    /// <summary>
    /// Answers the last prompt again on both sides (the owner only, before any vote, when both sides stopped);
    /// TooManyRequests once the turn was regenerated <paramref name="maxRegenerates"/> times (0: no cap).
    /// </summary>
    Task<BattleSnapshot> RegenerateAsync(string sessionId, int maxRegenerates = 0);

    /// <summary>
    /// Adds a follow-up prompt as a new turn; each side answers it seeing its own earlier answers. The
    /// owner only, before the vote, when no side is answering and the last turn did not fail, up to
    /// <see cref="BattleRules.MaxTurns"/> prompts.
    /// </summary>
    Task<BattleSnapshot> ContinueAsync(string sessionId, string prompt);

    /// <summary>
    /// Stops the running turn (the owner only): the model calls are cancelled and each side still answering
    /// ends <see cref="SideStatus.Done"/> with its text so far and finish reason
    /// <see cref="BattleRules.StoppedReason"/>. Returns the battle once both sides ended; a no-op when nothing runs.
    /// </summary>
    Task<BattleSnapshot> StopAsync(string sessionId);

    /// <summary>Records the owner's vote once both sides finished, and reveals the models.</summary>
    Task<VoteReveal> VoteAsync(string sessionId, BattleOutcome outcome);
}
