namespace Arena.Battles;

/// <summary>
/// A request to start a battle on a first prompt. With <see cref="ModelA"/> and <see cref="ModelB"/>
/// both set the battle is <see cref="BattleMode.Named"/> between those models; with neither it is a
/// blind battle between two drawn models. <see cref="ClientHash"/> is the one-way hash of the client's address
/// (empty when unknown), kept for the rigging detector.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record StartBattle(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string Prompt,
    [property: Id(2)] string Category,
    [property: Id(3)] string? ModelA = null,
    [property: Id(4)] string? ModelB = null,
    [property: Id(20)] string ClientHash = "");
