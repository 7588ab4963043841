namespace Arena.Battles;

/// <summary>One of the two anonymous sides of a battle.</summary>
public enum Side
{
    A,
    B,
}
