using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Arena.Models.Cache;

/// <summary>
/// The answer cache, around the model client. A request the cache may serve (<see cref="AnswerCacheOptions.Allows"/>)
/// is looked up by <see cref="AnswerCacheKey"/>: a hit is replayed piece by piece at the times the model sent
/// them (so a cached side of a blind battle finishes no sooner than the model would have), and never reaches the
/// server; a miss is asked of the model and, when it ends complete (finish reason <c>stop</c> or <c>length</c>,
/// no error, not stopped), recorded with its timings. A database failure is logged and counted, and the
/// model is asked as if the cache were off.
/// </summary>
public sealed partial class CachingChatModelClient(
    IChatModelClient inner,
    IAnswerCacheStore store,
    IOptions<AnswerCacheOptions> options,
    ModelMetrics metrics,
    TimeProvider time,
    ILogger<CachingChatModelClient> logger) : IChatModelClient
{
    private static readonly HashSet<string> CompleteReasons = new(StringComparer.Ordinal) { "stop", "length" };

    public IAsyncEnumerable<ModelUpdate> StreamAsync(ModelDefinition model, Uri endpoint, GenerationRequest request, CancellationToken cancellationToken) =>
        options.Value.Allows(model, request.Purpose)
            ? CachedOrLiveAsync(model, endpoint, request, cancellationToken)
            : inner.StreamAsync(model, endpoint, request, cancellationToken);

    private async IAsyncEnumerable<ModelUpdate> CachedOrLiveAsync(
        ModelDefinition model, Uri endpoint, GenerationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var key = AnswerCacheKey.Of(model, request);
        var cached = await FindAsync(model, key, cancellationToken);
        var updates = cached is null
            ? RecordAsync(model, key, inner.StreamAsync(model, endpoint, request, cancellationToken), cancellationToken)
            : ReplayAsync(cached, time, cancellationToken);
        await foreach (var update in updates.WithCancellation(cancellationToken))
        {
            yield return update;
        }
    }

    /// <summary>
    /// Yields a recorded answer at its recorded pace: each piece when as much time has passed since the
    /// start as had passed when the model sent it (absolute offsets, so waits do not add up), then the end.
    /// </summary>
    public static async IAsyncEnumerable<ModelUpdate> ReplayAsync(
        CachedAnswer answer, TimeProvider time, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        foreach (var update in answer.Updates)
        {
            await WaitUntilAsync(update.AtMs);
            yield return new ModelUpdate(update.Text);
        }

        await WaitUntilAsync(answer.EndMs);
        yield return new ModelUpdate("", answer.FinishReason, answer.InputTokens, answer.OutputTokens, Cached: true);

        async Task WaitUntilAsync(double atMs)
        {
            // Timers count whole milliseconds (a shorter delay is cut short): round up, so that no piece comes early.
            var wait = Math.Ceiling((TimeSpan.FromMilliseconds(atMs) - time.GetElapsedTime(started)).TotalMilliseconds);
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(wait), time, cancellationToken);
            }
        }
    }

    private async IAsyncEnumerable<ModelUpdate> RecordAsync(
        ModelDefinition model, string key, IAsyncEnumerable<ModelUpdate> live, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var createdAt = time.GetUtcNow();
        var pieces = new List<RecordedUpdate>();
        string? finish = null;
        int? inputTokens = null, outputTokens = null;
        var endMs = 0.0;
        var failed = false;
        await foreach (var update in live.WithCancellation(cancellationToken))
        {
            endMs = time.GetElapsedTime(started).TotalMilliseconds;
            if (update.Text.Length > 0)
            {
                pieces.Add(new RecordedUpdate(endMs, update.Text));
            }

            finish = update.FinishReason ?? finish;
            inputTokens = update.InputTokens ?? inputTokens;
            outputTokens = update.OutputTokens ?? outputTokens;
            failed |= update.Error is not null;
            yield return update;
        }

        // Only a whole answer is kept: the stream ended by itself (an error, a stop or a timeout throws), with a finish reason that means complete.
        if (!failed && pieces.Count > 0 && finish is not null && CompleteReasons.Contains(finish) && !cancellationToken.IsCancellationRequested)
        {
            var answer = new CachedAnswer(key, model.Id, createdAt, pieces, endMs, finish, inputTokens ?? 0, outputTokens ?? pieces.Count);
            await StoreAsync(model, answer, cancellationToken);
        }
    }

    private async Task<CachedAnswer?> FindAsync(ModelDefinition model, string key, CancellationToken cancellationToken)
    {
        try
        {
            var found = await store.FindAsync(key, model.Id, time.GetUtcNow() - options.Value.MaxAge, cancellationToken);
            metrics.CacheLookup(model.Id, found is null ? "miss" : "hit");
            return found;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            metrics.CacheLookup(model.Id, "error");
            LogLookupFailed(logger, ex, model.Id);
            return null;
        }
    }

    private async Task StoreAsync(ModelDefinition model, CachedAnswer answer, CancellationToken cancellationToken)
    {
        try
        {
            var o = options.Value;
            await store.AddAsync(answer, time.GetUtcNow() - o.MaxAge, o.MaxEntries, cancellationToken);
            metrics.CacheStored(model.Id, "ok");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            metrics.CacheStored(model.Id, "error");
            LogStoreFailed(logger, ex, model.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The answer cache could not be read for model {ModelId}; asking the model")]
    private static partial void LogLookupFailed(ILogger logger, Exception exception, string modelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The answer cache could not record an answer of model {ModelId}")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, string modelId);
}
