namespace Arena.Battles;

/// <summary>What the client may see of a battle. Model ids stay null until the vote.</summary>
[GenerateSerializer, Immutable]
public sealed record BattleSnapshot(
    [property: Id(0)] Guid BattleId,
    [property: Id(1)] BattleStatus Status,
    [property: Id(2)] string Category,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] IReadOnlyList<TurnSnapshot> Turns,
    [property: Id(5)] BattleOutcome? Vote,
    [property: Id(6)] VoteReveal? Reveal);

/// <summary>One prompt and both sides' answers to it.</summary>
[GenerateSerializer, Immutable]
public sealed record TurnSnapshot(
    [property: Id(0)] string Prompt,
    [property: Id(1)] SideSnapshot A,
    [property: Id(2)] SideSnapshot B,
    [property: Id(3)] bool Superseded = false);

/// <summary>One side's answer so far.</summary>
[GenerateSerializer, Immutable]
public sealed record SideSnapshot(
    [property: Id(0)] SideStatus Status,
    [property: Id(1)] string Text,
    [property: Id(2)] string? Error,
    [property: Id(3)] int OutputTokens,
    [property: Id(4)] double? TimeToFirstTokenMs,
    [property: Id(5)] double? DurationMs,
    [property: Id(6)] string? FinishReason);
