namespace Arena.Battles;

/// <summary>What a <see cref="BattleEvent"/> says.</summary>
public enum BattleEventKind
{
    /// <summary>Text for one side, at <see cref="BattleEvent.Offset"/> in that side's answer.</summary>
    Token,

    /// <summary>One side finished its answer.</summary>
    SideDone,

    /// <summary>One side failed; <see cref="BattleEvent.Text"/> says why.</summary>
    SideError,

    /// <summary>Both sides are finished (done or failed).</summary>
    BattleDone,
}

/// <summary>
/// An in-band event on a battle's stream. Token events carry the character offset of their text in
/// the side's answer, so a subscriber that joined late can drop what its snapshot already holds.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record BattleEvent(
    [property: Id(0)] BattleEventKind Kind,
    [property: Id(1)] int Turn,
    [property: Id(2)] Side? Side,
    [property: Id(3)] int Offset,
    [property: Id(4)] string Text);
