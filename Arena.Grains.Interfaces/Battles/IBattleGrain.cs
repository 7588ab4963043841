namespace Arena.Battles;

/// <summary>One blind battle between two models, keyed by battle id.</summary>
public interface IBattleGrain : IGrainWithGuidKey
{
    /// <summary>Draws two models, starts both answers and returns at once.</summary>
    Task<BattleSnapshot> StartAsync(StartBattle request);

    /// <summary>The battle as the client may see it; throws NotFound for an unknown id.</summary>
    Task<BattleSnapshot> GetAsync();

    /// <summary>Answers the last prompt again on both sides (the owner only, before any vote, when both sides stopped).</summary>
    Task<BattleSnapshot> RegenerateAsync(string sessionId);

    /// <summary>Records the owner's vote once both sides finished, and reveals the models.</summary>
    Task<VoteReveal> VoteAsync(string sessionId, BattleOutcome outcome);
}
