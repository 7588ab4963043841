namespace Arena.Models;

/// <summary>A model in the arena as the API lists it.</summary>
[GenerateSerializer, Immutable]
public sealed record ModelSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] string Provider,
    [property: Id(3)] bool Simulated,
    [property: Id(4)] bool InArena);
