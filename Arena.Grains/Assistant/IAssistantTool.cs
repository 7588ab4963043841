using System.Text.Json;
using Arena.Sessions;

namespace Arena.Assistant;

/// <summary>
/// A tool the assistant's model may call. Arena computes the result; the model only chooses the tool
/// and its arguments. Tools are registered in DI as <see cref="IAssistantTool"/>.
/// </summary>
public interface IAssistantTool
{
    /// <summary>The function name the model sees, snake_case, unique.</summary>
    string Name { get; }

    /// <summary>What the tool does, for the model.</summary>
    string Description { get; }

    /// <summary>Whether the tool is offered in this conversation (dataset tools need a dataset).</summary>
    bool IsAvailable(ToolContext context);

    /// <summary>The JSON schema of the arguments, built for this conversation (e.g. column names as enums).</summary>
    BinaryData ParametersSchema(ToolContext context);

    /// <summary>Runs the tool and returns its result as JSON. Throws <see cref="ToolException"/> for bad arguments or data; the message goes back to the model.</summary>
    Task<string> InvokeAsync(ToolContext context, JsonElement arguments, CancellationToken cancellationToken);
}

/// <summary>What a tool may see: whose conversation it is and the datasets that session holds.</summary>
public sealed record ToolContext(string SessionId, IReadOnlyList<DatasetInfo> Datasets);

/// <summary>A tool's refusal, in words the model (and the user) can act on.</summary>
public sealed class ToolException(string message) : Exception(message);
