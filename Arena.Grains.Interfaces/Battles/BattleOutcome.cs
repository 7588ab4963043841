namespace Arena.Battles;

/// <summary>The user's verdict on a battle.</summary>
public enum BattleOutcome
{
    /// <summary>Assistant A is better.</summary>
    A,

    /// <summary>Assistant B is better.</summary>
    B,

    /// <summary>Both are equally good.</summary>
    Tie,

    /// <summary>Both are bad; rated as a tie.</summary>
    BothBad,
}
