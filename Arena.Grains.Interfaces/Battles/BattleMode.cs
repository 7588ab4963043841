namespace Arena.Battles;

/// <summary>How a battle's models were chosen.</summary>
public enum BattleMode
{
    /// <summary>Drawn at random and hidden until the vote; the vote counts for ratings.</summary>
    Anonymous,

    /// <summary>Chosen by the user and shown; the vote is kept but never rated.</summary>
    Named,
}
