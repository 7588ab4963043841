namespace Arena.Models;

/// <summary>One message of a conversation sent to a model.</summary>
[GenerateSerializer, Immutable]
public sealed record ChatMessage(
    [property: Id(0)] ChatRole Role,
    [property: Id(1)] string Content);

/// <summary>Who wrote a <see cref="ChatMessage"/>.</summary>
public enum ChatRole
{
    System,
    User,
    Assistant,
}
