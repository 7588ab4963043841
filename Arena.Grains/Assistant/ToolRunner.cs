using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Arena.Assistant;

/// <summary>What a tool call produced: the JSON the model reads, and whether it reports an error.</summary>
public sealed record ToolOutcome(string Json, bool IsError);

/// <summary>
/// Runs one tool call. Anything that goes wrong — an unknown tool, arguments that are not a JSON
/// object, the tool's refusal, a timeout — becomes an <c>{"error": "..."}</c> result for the model.
/// </summary>
public sealed partial class ToolRunner(TimeSpan timeout, TimeProvider time, ILogger logger)
{
    public async Task<ToolOutcome> RunAsync(
        IReadOnlyDictionary<string, IAssistantTool> tools, RequestedToolCall call, ToolContext context, CancellationToken cancellationToken)
    {
        if (!tools.TryGetValue(call.Name, out var tool))
        {
            return Error($"There is no tool '{call.Name}'. The tools are: {string.Join(", ", tools.Keys.Order(StringComparer.Ordinal))}.");
        }

        JsonElement arguments;
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(call.Arguments) ? "{}" : call.Arguments);
            arguments = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return Error($"The arguments of {call.Name} are not valid JSON ({ex.Message}). Send a JSON object.");
        }

        if (arguments.ValueKind != JsonValueKind.Object)
        {
            return Error($"The arguments of {call.Name} must be a JSON object, not {arguments.ValueKind.ToString().ToLowerInvariant()}.");
        }

        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            // WaitAsync: a tool that ignores its token still cannot hold the turn past the timeout.
            var result = await tool.InvokeAsync(context, arguments, linked.Token).WaitAsync(linked.Token);
            return new ToolOutcome(result, false);
        }
        catch (ToolException ex)
        {
            return Error(ex.Message);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Error($"The tool {call.Name} did not finish within {timeout.TotalSeconds:0.###} s.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogToolFailed(logger, ex, call.Name);
            return Error($"The tool {call.Name} failed unexpectedly ({ex.GetType().Name}).");
        }
    }

    public static ToolOutcome Error(string message) => new(JsonSerializer.Serialize(new { error = message }), true);

    [LoggerMessage(Level = LogLevel.Error, Message = "Assistant tool {Tool} failed")]
    private static partial void LogToolFailed(ILogger logger, Exception exception, string tool);
}
