namespace Arena.Models;

/// <summary>
/// A chat completion to stream from one model. <see cref="Purpose"/> says who asks, which decides
/// whether a recorded answer may be served instead (the answer cache); it is not part of the question.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record GenerationRequest(
    [property: Id(0)] IReadOnlyList<ChatMessage> Messages,
    [property: Id(1)] int? MaxOutputTokens = null,
    [property: Id(2)] float? Temperature = null,
    [property: Id(3)] long? Seed = null,
    [property: Id(4)] GenerationPurpose Purpose = GenerationPurpose.Direct);

/// <summary>Who asks for a generation; the answer cache serves only the purposes configured for it.</summary>
public enum GenerationPurpose
{
    /// <summary>A direct call (tests, tools, benchmarks): always answered live.</summary>
    Direct,

    /// <summary>A side of a blind battle: cached when the model opts in.</summary>
    BlindBattle,

    /// <summary>A side of a named battle: cached only when <c>Arena:AnswerCache:NamedBattles</c> is on.</summary>
    NamedBattle,

    /// <summary>A battle turn asked again (regenerate): always live, since the user wants a new answer.</summary>
    Regenerate,
}
