namespace Arena.Battles;

/// <summary>Where a battle stands.</summary>
public enum BattleStatus
{
    /// <summary>No battle has been started under this id.</summary>
    None,

    /// <summary>At least one side is still answering.</summary>
    Streaming,

    /// <summary>Both sides finished; the owner can vote.</summary>
    ReadyToVote,

    /// <summary>A side failed; the battle cannot be voted on.</summary>
    Failed,

    /// <summary>The owner voted and the models are revealed.</summary>
    Voted,
}
