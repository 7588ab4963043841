using Microsoft.AspNetCore.Http.Features;
using VllmSim.Failures;
using VllmSim.Generation;
using VllmSim.Metrics;
using VllmSim.Protocol;
using VllmSim.Scheduling;

namespace VllmSim.Endpoints;

/// <summary>Serves <c>POST /v1/chat/completions</c>, streaming or not, with simulated latency, load and failures.</summary>
internal sealed partial class ChatCompletionHandler(
    ModelRegistry registry,
    FailureInjector failures,
    SimMetrics metrics,
    SimulatorOptions options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<ChatCompletionHandler> logger)
{
    private const int MaxBodyBytes = 16 * 1024 * 1024;
    private static readonly TimeSpan DropGrace = TimeSpan.FromMilliseconds(100);

    public async Task HandleAsync(HttpContext context)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var ct = cts.Token;
        try
        {
            var request = ChatRequestParser.Parse(await ReadBodyAsync(context.Request, ct));
            var served = registry.Find(request.Model);
            var failure = failures.Choose(served?.Options, context.Request.Headers[FailureInjector.HeaderName]);
            ThrowIfImmediateFailure(failure, request, served);
            if (served is null)
            {
                throw SimException.ModelNotFound(request.Model);
            }

            var model = served.Options;
            var promptTokens = CompletionPlanner.EstimatePromptTokens(request);
            var maxTokens = request.MaxTokens ?? Math.Min(model.MaxTokens, model.MaxModelLen - promptTokens);
            if (promptTokens + (request.MaxTokens ?? 0) > model.MaxModelLen || maxTokens < 1)
            {
                throw SimException.ContextLength(model.MaxModelLen, promptTokens, request.MaxTokens ?? 0);
            }

            using var lease = await served.Scheduler.TryEnterAsync(ct) ?? throw SimException.QueueFull(model.Id);
            var random = CompletionPlanner.RandomFor(model, request);
            var plan = CompletionPlanner.Plan(model, request, maxTokens, random);
            var run = new GenerationRun(model, plan, new LatencySampler(model, options.TimeScale, random), metrics.For(model.Id), time, failure);
            LogRequest(logger, model.Id, request.Stream, plan.PromptTokens, plan.CompletionTokens);

            if (request.Stream)
            {
                await StreamAsync(context, request, run, ct);
            }
            else
            {
                await CompleteAsync(context, request, run, ct);
            }
        }
        catch (SimException ex) when (!context.Response.HasStarted)
        {
            await WriteErrorAsync(context.Response, ex, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            LogCancelled(logger);
        }
    }

    public static async Task WriteErrorAsync(HttpResponse response, SimException error, CancellationToken ct)
    {
        response.StatusCode = error.StatusCode;
        response.ContentType = "application/json";
        await response.WriteAsync(WireJson.Serialize(error.ToJson()), ct);
    }

    private static void ThrowIfImmediateFailure(SimFailureKind failure, ChatRequest request, ServedModel? served)
    {
        switch (failure)
        {
            case SimFailureKind.RateLimit:
                throw SimException.RateLimited();
            case SimFailureKind.Unauthorized:
                throw SimException.Unauthorized();
            case SimFailureKind.ModelNotFound:
                throw SimException.ModelNotFound(request.Model);
            case SimFailureKind.Unavailable:
                throw SimException.Unavailable();
            case SimFailureKind.ContextLength:
                var maxLen = served?.Options.MaxModelLen ?? 8192;
                throw SimException.ContextLength(maxLen, CompletionPlanner.EstimatePromptTokens(request) + maxLen, request.MaxTokens ?? 0);
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw SimException.BadRequest("The request body is too large.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private async Task StreamAsync(HttpContext context, ChatRequest request, GenerationRun run, CancellationToken ct)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.Body.FlushAsync(ct); // Headers go out as soon as the request is scheduled.

        var id = NewCompletionId();
        var created = time.GetUtcNow().ToUnixTimeSeconds();
        var modelId = run.Model.Id;
        var usage = request.IncludeUsage;

        Task SendAsync(JsonNode node) => WriteEventAsync(response, WireJson.Serialize(node), ct);

        await run.WaitFirstTokenAsync(ct);
        await SendAsync(WireJson.Chunk(id, created, modelId, WireJson.StreamChoice(new JsonObject { ["role"] = "assistant", ["content"] = "" }), usage));

        var deltas = Deltas(run.Plan);
        var failAt = Math.Max(1, deltas.Count / 2);
        for (var i = 0; i < deltas.Count; i++)
        {
            if (i > 0)
            {
                await run.WaitNextTokenAsync(ct);
            }

            if (i == failAt && run.Failure == SimFailureKind.MidStreamError)
            {
                await WriteEventAsync(response, WireJson.Serialize(SimException.EngineError().ToJson()), ct);
                await WriteEventAsync(response, "[DONE]", ct);
                return;
            }

            if (i == failAt && run.Failure == SimFailureKind.Stall)
            {
                // A hung engine: the connection stays open and nothing more comes until the client gives up.
                await Task.Delay(Timeout.InfiniteTimeSpan, time, ct);
            }

            if (i == failAt && run.Failure == SimFailureKind.DropConnection)
            {
                // Like a real network drop: what was sent arrives, the line goes quiet, then the connection dies.
                await Task.Delay(DropGrace, time, ct);
                context.Abort();
                return;
            }

            await SendAsync(WireJson.Chunk(id, created, modelId, WireJson.StreamChoice(deltas[i]), usage));
        }

        await SendAsync(WireJson.Chunk(id, created, modelId, WireJson.StreamChoice([], run.Plan.FinishReason, final: true, run.Plan.StopReason), usage));
        if (usage)
        {
            var last = WireJson.Chunk(id, created, modelId, [], includeUsage: false);
            last["usage"] = WireJson.Usage(run.Plan.PromptTokens, run.Plan.CompletionTokens);
            await SendAsync(last);
        }

        await WriteEventAsync(response, "[DONE]", ct);
        run.Complete();
    }

    private async Task CompleteAsync(HttpContext context, ChatRequest request, GenerationRun run, CancellationToken ct)
    {
        await run.WaitFirstTokenAsync(ct);
        for (var i = 1; i < run.Plan.Steps; i++)
        {
            await run.WaitNextTokenAsync(ct);
        }

        if (run.Failure == SimFailureKind.MidStreamError)
        {
            throw SimException.EngineError();
        }

        if (run.Failure == SimFailureKind.DropConnection)
        {
            context.Abort();
            return;
        }

        if (run.Failure == SimFailureKind.Stall)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, time, ct);
        }

        var message = new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = run.Plan.ToolCalls.Count == 0 ? run.Plan.Text : run.Plan.ToolCallContent,
            ["refusal"] = null,
            ["annotations"] = null,
            ["audio"] = null,
            ["function_call"] = null,
            ["tool_calls"] = new JsonArray([.. run.Plan.ToolCalls.Select(call => (JsonNode)new JsonObject
            {
                ["id"] = NewToolCallId(),
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = call.ArgumentsJson },
            })]),
            ["reasoning_content"] = null,
        };
        var body = new JsonObject
        {
            ["id"] = NewCompletionId(),
            ["object"] = "chat.completion",
            ["created"] = time.GetUtcNow().ToUnixTimeSeconds(),
            ["model"] = request.Model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = message,
                ["logprobs"] = null,
                ["finish_reason"] = run.Plan.FinishReason,
                ["stop_reason"] = run.Plan.StopReason,
            }),
            ["service_tier"] = null,
            ["system_fingerprint"] = null,
            ["usage"] = WireJson.Usage(run.Plan.PromptTokens, run.Plan.CompletionTokens),
            ["prompt_logprobs"] = null,
            ["kv_transfer_params"] = null,
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(WireJson.Serialize(body), ct);
        run.Complete();
    }

    private static async Task WriteEventAsync(HttpResponse response, string data, CancellationToken ct)
    {
        await response.WriteAsync("data: " + data + "\n\n", ct);
        await response.Body.FlushAsync(ct);
    }

    private static string NewCompletionId() => "chatcmpl-" + Guid.NewGuid().ToString("N");

    // vLLM's make_tool_call_id: "chatcmpl-tool-" and a random uuid4 in hex.
    private static string NewToolCallId() => "chatcmpl-tool-" + Guid.NewGuid().ToString("N");

    /// <summary>
    /// The deltas of a stream, one per paced step: text tokens; or, per tool call as vLLM's tool parsers send it,
    /// first {index, id, type, function.name} and then {index, function.arguments} fragments.
    /// </summary>
    private static List<JsonObject> Deltas(CompletionPlan plan)
    {
        if (plan.ToolCalls.Count == 0)
        {
            return [.. plan.Tokens.Select(t => new JsonObject { ["content"] = t })];
        }

        var deltas = new List<JsonObject>();
        for (var index = 0; index < plan.ToolCalls.Count; index++)
        {
            var call = plan.ToolCalls[index];
            deltas.Add(new JsonObject { ["tool_calls"] = new JsonArray(WireJson.ToolCallHeader(index, NewToolCallId(), call.Name)) });
            deltas.AddRange(call.ArgumentPieces.Select(piece => new JsonObject
            {
                ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = index, ["function"] = new JsonObject { ["arguments"] = piece } }),
            }));
        }

        return deltas;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Generating for {Model} (stream {Stream}): {PromptTokens} prompt tokens, {CompletionTokens} completion tokens")]
    private static partial void LogRequest(ILogger logger, string model, bool stream, int promptTokens, int completionTokens);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Request cancelled (client disconnected or server stopping)")]
    private static partial void LogCancelled(ILogger logger);
}
