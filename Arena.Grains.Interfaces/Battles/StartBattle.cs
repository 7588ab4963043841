namespace Arena.Battles;

/// <summary>A request to start a blind battle on a first prompt.</summary>
[GenerateSerializer, Immutable]
public sealed record StartBattle(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string Prompt,
    [property: Id(2)] string Category);
