using Arena.Models;

namespace Arena.Assistant;

/// <summary>The model the assistant talks to: its definition, where it is served, and its key (if it needs one).</summary>
public sealed record AssistantModel(ModelDefinition Definition, Uri Endpoint, string? ApiKey);

/// <summary>The assistant's one door to a tool-capable model server; nothing else sees the vendor SDK.</summary>
public interface IAssistantModelClient
{
    /// <summary>Streams one model round over the messages, offering the tools. Failures surface as exceptions.</summary>
    IAsyncEnumerable<AssistantModelUpdate> StreamAsync(
        AssistantModel model,
        IReadOnlyList<ConversationMessage> messages,
        IReadOnlyList<ToolSpec> tools,
        int maxOutputTokens,
        CancellationToken cancellationToken);
}
