using VllmSim.Protocol;

namespace VllmSim.Generation.Tools;

/// <summary>The model's next move in a tool-using conversation: tool calls to make, or the final answer's text.</summary>
internal sealed record ToolDecision(IReadOnlyList<PlannedToolCall> Calls, string? Answer)
{
    public static ToolDecision None { get; } = new([], null);
}

/// <summary>
/// Plans each response of a tool-calling conversation from the last user message and the results so far:
/// calls the tools the message asks for (fetching the schema first when a column is unclear), retries once
/// with an obvious correction after an error, and answers from the results once nothing is left to call.
/// Stateless and deterministic: the next move is recomputed from the messages each time.
/// </summary>
internal static class ToolTurnPlanner
{
    /// <summary>Tool rounds per user message before the model answers with what it has.</summary>
    public const int MaxRounds = 4;

    public static ToolDecision Plan(ChatRequest request)
    {
        var specs = request.Tools.Select(ToolSpec.From).ToList();
        var turn = ToolTurn.Read(request.Messages);
        var data = DataKnowledge.From(request, specs, turn.History);
        var reader = new IntentReader(specs, data);
        var choice = request.ToolChoice;

        if (choice.Mode == ToolChoiceMode.Named)
        {
            // vLLM constrains decoding to the named function: there is always exactly that one call.
            return new ToolDecision([Forced(request, reader, choice.FunctionName!, turn.UserMessage)], null);
        }

        // With parallel_tool_calls false the model still means both; vLLM keeps only the first call, the next round makes the other.
        var intents = reader.ReadAll(turn.UserMessage);
        var wanted = Wanted(reader, intents);
        var next = wanted.Where(w => !turn.Current.Any(s => s.Matches(w.Tool, w.Arguments))).ToList();
        foreach (var correction in Corrections(turn, specs))
        {
            if (!next.Any(n => n.SameCall(correction)))
            {
                next.Add(correction);
            }
        }

        var canCall = choice.Mode != ToolChoiceMode.None && (turn.Rounds < MaxRounds || choice.Mode == ToolChoiceMode.Required);
        var calls = next.Select(n => new PlannedToolCall(n.Tool, PythonJson.Dumps(n.Arguments))).ToList();
        if (canCall && calls.Count == 0 && wanted.Count == 0 && turn.Current.Count == 0
            && ToolCallPlanner.Best([.. request.Tools.Where(t => !ArenaTools.All.Contains(t.Name))], false, turn.UserMessage) is { } other)
        {
            calls.Add(other);
        }

        if (canCall && calls.Count == 0 && choice.Mode == ToolChoiceMode.Required)
        {
            // "required" forces a call even when the model would rather answer.
            calls.AddRange(wanted.Count > 0
                ? wanted.Select(w => new PlannedToolCall(w.Tool, PythonJson.Dumps(w.Arguments)))
                : [Forced(request, reader, specs.Any(s => s.Name == ArenaTools.DescribeDataset) ? ArenaTools.DescribeDataset : null, turn.UserMessage)]);
        }

        if (canCall && calls.Count > 0)
        {
            return new ToolDecision(request.ParallelToolCalls ? calls : [calls[0]], null);
        }

        return turn.Current.Any(s => s.Result is not null && ArenaTools.All.Contains(s.Call.Name))
            ? new ToolDecision([], ToolAnswerWriter.Write(turn, intents, data))
            : ToolDecision.None;
    }

    /// <summary>The calls the intents need: an incomplete intent needs the dataset's schema first.</summary>
    private static List<ToolIntent> Wanted(IntentReader reader, IReadOnlyList<ToolIntent> intents)
    {
        var wanted = new List<ToolIntent>();
        foreach (var intent in intents)
        {
            var call = intent.Complete ? intent : reader.SchemaRequest(intent);
            if (call is not null && !wanted.Any(w => w.SameCall(call)))
            {
                wanted.Add(call);
            }
        }

        return wanted;
    }

    private static PlannedToolCall Forced(ChatRequest request, IntentReader reader, string? name, string message)
    {
        var tool = request.Tools.FirstOrDefault(t => t.Name == name);
        if (tool is null)
        {
            return ToolCallPlanner.Best(request.Tools, true, message)!;
        }

        if (reader.ReadFor(tool.Name, message) is not { } intent)
        {
            return ToolCallPlanner.For(tool, message);
        }

        var args = intent.Arguments.DeepClone().AsObject();
        ToolCallPlanner.FillRequired(tool, args, message);
        return new PlannedToolCall(tool.Name, PythonJson.Dumps(args));
    }

    /// <summary>One retry per failed tool, when the error names valid values and one is close to what was sent.</summary>
    private static IEnumerable<ToolIntent> Corrections(ToolTurn turn, IReadOnlyList<ToolSpec> specs)
    {
        foreach (var failed in turn.Current.Where(s => s.Result is { IsError: true }))
        {
            if (turn.Current.Count(s => s.Call.Name == failed.Call.Name) > 1)
            {
                continue; // already retried (or called again): do not loop
            }

            var spec = specs.FirstOrDefault(s => s.Name == failed.Call.Name);
            if (ErrorCorrection.Correct(failed.Arguments, failed.Result!.Error!, spec) is { } corrected
                && !turn.Current.Any(s => s.Matches(failed.Call.Name, corrected)))
            {
                yield return new ToolIntent(failed.Call.Name, corrected);
            }
        }
    }
}
