using System.Text;
using System.Text.RegularExpressions;
using Arena.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Arena.Assistant;

/// <summary>Receives a turn's progress as the loop makes it; the grain records, persists and publishes it.</summary>
public interface ITurnObserver
{
    /// <summary>More answer text.</summary>
    Task OnTextAsync(string text);

    /// <summary>The model called a tool (no result yet).</summary>
    Task OnToolCallAsync(ToolStep step);

    /// <summary>A tool call finished, with its result or error.</summary>
    Task OnToolResultAsync(ToolStep step);
}

/// <summary>How a turn ended when nobody stopped it: done, or failed with a message for the user.</summary>
public sealed record TurnOutcome(AssistantStatus Status, string? Error)
{
    public static readonly TurnOutcome Done = new(AssistantStatus.Done, null);

    public static TurnOutcome Failed(string error) => new(AssistantStatus.Failed, error);
}

/// <summary>
/// The tool-calling loop of one turn: ask the model (streaming) with the tools on offer; when it calls
/// tools, run them, hand the results back and ask again; stop at its answer or at the round limit.
/// Stopping is cancellation of the token, which also cancels the HTTP request to the model.
/// </summary>
public sealed partial class AssistantLoop(
    IAssistantModelClient client,
    IEnumerable<IAssistantTool> tools,
    IOptions<AssistantOptions> options,
    IOptions<GenerationOptions> generation,
    TimeProvider time,
    ILogger<AssistantLoop> logger)
{
    private readonly IReadOnlyList<IAssistantTool> _tools = tools.ToArray();

    /// <summary>The tools offered in a conversation with this context.</summary>
    public IReadOnlyList<IAssistantTool> ToolsFor(ToolContext context) => _tools.Where(t => t.IsAvailable(context)).ToArray();

    /// <summary>Runs a turn over the conversation so far (earlier prompts and answers, then the new message).</summary>
    public async Task<TurnOutcome> RunAsync(
        AssistantModel model,
        IReadOnlyList<ConversationMessage> conversation,
        ToolContext context,
        ITurnObserver observer,
        CancellationToken cancellationToken)
    {
        var offered = ToolsFor(context);
        var byName = offered.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var specs = offered.Select(t => new ToolSpec(t.Name, t.Description, t.ParametersSchema(context))).ToArray();
        var messages = new List<ConversationMessage> { ConversationMessage.System(AssistantPrompt.System(context.Datasets, byName.Keys.ToArray())) };
        messages.AddRange(conversation);

        var runner = new ToolRunner(options.Value.ToolTimeout, time, logger);
        var maxRounds = options.Value.MaxSteps;
        var steps = 0;
        for (var round = 1; round <= maxRounds; round++)
        {
            var (text, calls, error) = await RoundAsync(model, messages, specs, observer, cancellationToken);
            if (error is not null)
            {
                return TurnOutcome.Failed(error);
            }

            if (calls.Count == 0)
            {
                return TurnOutcome.Done;
            }

            messages.Add(ConversationMessage.Assistant(text, calls));
            foreach (var call in calls)
            {
                var step = new ToolStep(steps++, call.Id, call.Name, call.Arguments, null, false, null);
                await observer.OnToolCallAsync(step);
                var started = time.GetTimestamp();
                var outcome = await runner.RunAsync(byName, call, context, cancellationToken);
                await observer.OnToolResultAsync(step with
                {
                    Result = outcome.Json,
                    IsError = outcome.IsError,
                    DurationMs = time.GetElapsedTime(started).TotalMilliseconds,
                });
                messages.Add(ConversationMessage.ToolResult(call.Id, outcome.Json));
            }
        }

        return TurnOutcome.Failed(
            $"The assistant reached its limit of {maxRounds} model rounds ({AssistantOptions.Section}:MaxSteps) while still calling tools, so it stopped without a final answer. Ask a narrower question.");
    }

    /// <summary>One model round: streams text to the observer and gathers tool calls; a failure comes back as a message.</summary>
    private async Task<(string Text, IReadOnlyList<RequestedToolCall> Calls, string? Error)> RoundAsync(
        AssistantModel model, List<ConversationMessage> messages, IReadOnlyList<ToolSpec> specs, ITurnObserver observer, CancellationToken cancellationToken)
    {
        var timeouts = generation.Value;
        var text = new StringBuilder();
        var calls = new ToolCallAssembler();
        using var watchdog = new CancellationTokenSource(timeouts.FirstTokenTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(watchdog.Token, cancellationToken);
        var started = false;
        try
        {
            await foreach (var update in client.StreamAsync(model, messages, specs, options.Value.MaxOutputTokens, linked.Token))
            {
                started |= update.Text.Length > 0 || update.ToolCalls.Count > 0;
                watchdog.CancelAfter(started ? timeouts.IdleTokenTimeout : timeouts.FirstTokenTimeout);
                if (update.Text.Length > 0)
                {
                    text.Append(update.Text);
                    await observer.OnTextAsync(update.Text);
                }

                foreach (var delta in update.ToolCalls)
                {
                    calls.Add(delta);
                }
            }

            return (text.ToString(), calls.Build(), null);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (Exception) when (watchdog.IsCancellationRequested)
        {
            return ("", [], started
                ? $"The assistant's model stopped sending tokens for {timeouts.IdleTokenTimeout.TotalSeconds:0.#} s."
                : $"The assistant's model did not start answering within {timeouts.FirstTokenTimeout.TotalSeconds:0.#} s.");
        }
        catch (Exception ex)
        {
            LogModelFailed(logger, ex, model.Definition.Id);
            return ("", [], Redact(ModelFailure.From(ex, model.Definition).Message, model));
        }
    }

    /// <summary>Removes addresses and keys from a server's message; users see what failed, not where or with what credentials.</summary>
    public static string Redact(string message, AssistantModel model)
    {
        if (!string.IsNullOrEmpty(model.ApiKey))
        {
            message = message.Replace(model.ApiKey, "[key]", StringComparison.Ordinal);
        }

        message = Url().Replace(message, "the model server");
        foreach (var address in new[] { model.Endpoint.Authority, model.Endpoint.Host }.Distinct().OrderByDescending(a => a.Length))
        {
            message = message.Replace(address, "the model server", StringComparison.OrdinalIgnoreCase);
        }

        return message;
    }

    [GeneratedRegex(@"\b[a-z][a-z0-9+.-]*://\S+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Url();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The assistant's model {ModelId} failed")]
    private static partial void LogModelFailed(ILogger logger, Exception exception, string modelId);
}
