using Arena.Models;

namespace Arena.Battles;

/// <summary>What a turn's generation requests tell the answer cache about who asks.</summary>
public sealed partial class BattleGrain
{
    /// <summary>
    /// A blind or named battle's turn; a regenerate (the turn before was superseded with the same prompt)
    /// always asks the models again, since the user wants new answers.
    /// </summary>
    private GenerationPurpose PurposeOf(int turn) =>
        turn > 0 && Battle.Turns[turn - 1].Superseded ? GenerationPurpose.Regenerate
        : Battle.Mode == BattleMode.Named ? GenerationPurpose.NamedBattle
        : GenerationPurpose.BlindBattle;
}
