namespace Arena.Battles;

/// <summary>
/// What anyone may see of a battle. In an anonymous battle <see cref="ModelA"/> and <see cref="ModelB"/>
/// stay null until the vote; in a named battle they are shown from the start. <see cref="ShareUrl"/> is
/// the read-only page of the battle, set once its owner shared it (see <see cref="BattleRules.MayShare"/>);
/// until then only the owner can read the battle at all.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record BattleSnapshot(
    [property: Id(0)] Guid BattleId,
    [property: Id(1)] BattleStatus Status,
    [property: Id(2)] string Category,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] IReadOnlyList<TurnSnapshot> Turns,
    [property: Id(5)] BattleOutcome? Vote,
    [property: Id(6)] VoteReveal? Reveal,
    [property: Id(7)] BattleMode Mode = BattleMode.Anonymous,
    [property: Id(8)] string? ModelA = null,
    [property: Id(9)] string? ModelB = null,
    [property: Id(10)] string? ShareUrl = null);

/// <summary>One prompt and both sides' answers to it.</summary>
[GenerateSerializer, Immutable]
public sealed record TurnSnapshot(
    [property: Id(0)] string Prompt,
    [property: Id(1)] SideSnapshot A,
    [property: Id(2)] SideSnapshot B,
    [property: Id(3)] bool Superseded = false);

/// <summary>
/// One side's answer so far. A side the owner stopped is <see cref="SideStatus.Done"/> with
/// <see cref="FinishReason"/> <see cref="BattleRules.StoppedReason"/>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SideSnapshot(
    [property: Id(0)] SideStatus Status,
    [property: Id(1)] string Text,
    [property: Id(2)] string? Error,
    [property: Id(3)] int OutputTokens,
    [property: Id(4)] double? TimeToFirstTokenMs,
    [property: Id(5)] double? DurationMs,
    [property: Id(6)] string? FinishReason)
{
    /// <summary>True when the owner stopped this side before it finished.</summary>
    public bool Stopped => Status == SideStatus.Done && FinishReason == BattleRules.StoppedReason;
}
