namespace Arena.Models;

/// <summary>A chat completion to stream from one model.</summary>
[GenerateSerializer, Immutable]
public sealed record GenerationRequest(
    [property: Id(0)] IReadOnlyList<ChatMessage> Messages,
    [property: Id(1)] int? MaxOutputTokens = null,
    [property: Id(2)] float? Temperature = null,
    [property: Id(3)] long? Seed = null);
