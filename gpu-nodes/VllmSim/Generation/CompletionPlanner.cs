using VllmSim.Generation.Tools;
using VllmSim.Protocol;

namespace VllmSim.Generation;

/// <summary>Turns a request into a <see cref="CompletionPlan"/>: deterministic in (model, messages, seed).</summary>
internal static class CompletionPlanner
{
    public static int EstimatePromptTokens(ChatRequest request)
    {
        // About four characters a token, plus the chat template's few tokens per message.
        var tokens = 3 + request.Messages.Sum(m => 4 + SimTokenizer.Estimate(m.Content) + m.ToolCalls.Sum(c => SimTokenizer.Estimate(c.Name + c.Arguments)));
        tokens += request.Tools.Sum(t => 8 + SimTokenizer.Estimate(t.Name + t.Description + (t.Parameters?.GetRawText() ?? "")));
        return tokens;
    }

    /// <summary>The random source for one request's text and latencies.</summary>
    public static Random RandomFor(SimModelOptions model, ChatRequest request)
    {
        var seed = request.Temperature is 0 ? "greedy" : (request.Seed ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var parts = new List<string> { model.Id, seed };
        parts.AddRange(request.Messages.Select(m => m.Role + "\u0001" + m.Content));
        return new Random(StableHash.ToSeed(StableHash.Of([.. parts])));
    }

    public static CompletionPlan Plan(SimModelOptions model, ChatRequest request, int maxTokens, Random random)
    {
        var promptTokens = EstimatePromptTokens(request);
        var last = request.Messages[^1];
        var lastUser = request.Messages.LastOrDefault(m => m.Role == "user")?.Content ?? last.Content;
        var composer = new AnswerComposer(model.Style, random);

        if (model.SupportsTools && request.Tools.Count > 0)
        {
            var decision = ToolTurnPlanner.Plan(request);
            if (decision.Calls.Count > 0)
            {
                // As vLLM: a named tool_choice finishes with "stop" and content "", "required" with "tool_calls"
                // and content "", "auto" with "tool_calls" and no content.
                var named = request.ToolChoice.Mode == ToolChoiceMode.Named;
                var content = request.ToolChoice.Mode == ToolChoiceMode.Auto ? null : "";
                return new CompletionPlan([], decision.Calls, named ? "stop" : "tool_calls", null, promptTokens, content);
            }

            if (decision.Answer is { } answer)
            {
                return TextPlan(answer, request, maxTokens, promptTokens);
            }
        }

        if (last.Role == "tool")
        {
            var toolName = request.Messages.LastOrDefault(m => m.Role == "assistant" && m.ToolCalls.Count > 0)?.ToolCalls[0].Name ?? last.Name ?? "the tool";
            return TextPlan(composer.SummarizeToolResult(toolName, last.Content), request, maxTokens, promptTokens);
        }

        var userMessages = request.Messages.Where(m => m.Role == "user").Select(m => m.Content).ToList();
        var earlier = userMessages.Count > 1 ? userMessages[..^1] : [];
        return TextPlan(composer.Compose(PromptAnalysis.Analyze(lastUser, earlier)), request, maxTokens, promptTokens);
    }

    private static CompletionPlan TextPlan(string text, ChatRequest request, int maxTokens, int promptTokens)
    {
        string? stopReason = null;
        foreach (var stop in request.Stop)
        {
            var at = text.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0)
            {
                text = text[..at];
                stopReason = stop;
            }
        }

        var tokens = SimTokenizer.Tokenize(text);
        if (tokens.Count > maxTokens)
        {
            return new CompletionPlan(tokens.Take(maxTokens).ToList(), [], "length", null, promptTokens);
        }

        return new CompletionPlan(tokens, [], "stop", stopReason, promptTokens);
    }
}
