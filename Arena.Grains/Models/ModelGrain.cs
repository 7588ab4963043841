using System.ClientModel;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Arena.Models;

/// <summary>
/// Streams completions from one model's OpenAI-compatible endpoint. Reentrant: many answers stream
/// through one activation at once, up to the model's concurrency limit.
/// </summary>
[Reentrant]
[Arena.Placement.ModelReplicaPlacement]
public sealed partial class ModelGrain(
    ModelCatalog catalog,
    IChatModelClient client,
    IOptions<GenerationOptions> options,
    TimeProvider time,
    ILogger<ModelGrain> logger) : Grain, IModelGrain
{
    private SemaphoreSlim? _slots;

    public async IAsyncEnumerable<GenerationChunk> GenerateAsync(
        GenerationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var id = this.GetPrimaryKeyString();
        var model = catalog.Find(id) ?? throw ArenaException.NotFound($"No model '{id}' is configured.");
        _slots ??= new SemaphoreSlim(model.MaxConcurrency);
        await _slots.WaitAsync(cancellationToken);
        // Stops the HTTP stream when the caller stops reading, whether or not it cancelled.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            var started = time.GetTimestamp();
            var updates = Channel.CreateUnbounded<ModelUpdate>(new UnboundedChannelOptions { SingleWriter = true });
            // Read the HTTP stream on the thread pool, so that many answers do not queue on this activation.
            var pump = Task.Run(() => PumpAsync(model, request with { MaxOutputTokens = request.MaxOutputTokens ?? options.Value.MaxOutputTokens }, updates.Writer, stop.Token), CancellationToken.None);

            double? firstTokenMs = null;
            var outputTokens = 0;
            var batches = TokenBatcher.ReadBatchesAsync(
                updates.Reader, options.Value.FlushInterval, options.Value.MaxBatchTokens, time, cancellationToken);
            await foreach (var batch in batches)
            {
                firstTokenMs ??= batch.Tokens > 0 ? time.GetElapsedTime(started).TotalMilliseconds : null;
                outputTokens += batch.Tokens;
                if (!batch.Last)
                {
                    yield return new GenerationChunk(batch.Text, batch.Tokens);
                }
                else if (batch.Final is { Error: { } error })
                {
                    yield return new GenerationChunk(batch.Text, batch.Tokens, Error: error);
                }
                else if (batch.Final is { FinishReason: not null } final)
                {
                    var elapsed = time.GetElapsedTime(started).TotalMilliseconds;
                    var completion = new GenerationCompletion(
                        final.FinishReason, final.InputTokens ?? 0, final.OutputTokens ?? outputTokens, firstTokenMs ?? elapsed, elapsed);
                    yield return new GenerationChunk(batch.Text, batch.Tokens, completion);
                }
                else
                {
                    yield return new GenerationChunk(batch.Text, batch.Tokens, Error: "The model server ended the stream before the answer was finished.");
                }
            }

            await pump;
        }
        finally
        {
            await stop.CancelAsync();
            _slots.Release();
        }
    }

    private async Task PumpAsync(ModelDefinition model, GenerationRequest request, ChannelWriter<ModelUpdate> writer, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var update in client.StreamAsync(model, request, cancellationToken))
            {
                await writer.WriteAsync(update, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            writer.TryWrite(new ModelUpdate("", Error: "The answer was stopped."));
        }
        catch (Exception ex)
        {
            LogModelFailed(logger, ex, model.Id);
            writer.TryWrite(new ModelUpdate("", Error: Describe(model, ex)));
        }
        finally
        {
            writer.TryComplete();
        }
    }

    /// <summary>
    /// A failure as the user may read it. Battles are blind, so the text never names the model:
    /// server messages that mention it (e.g. vLLM's "model ... does not exist") are redacted.
    /// </summary>
    private static string Describe(ModelDefinition model, Exception ex)
    {
        var text = ex switch
        {
            ClientResultException { Status: > 0 } http => $"The model server answered {http.Status}: {FirstLine(http.Message)}",
            HttpRequestException http => $"The model server is unreachable: {http.Message}",
            _ => $"The model failed: {FirstLine(ex.Message)}",
        };
        foreach (var name in new[] { model.Id, model.ServedName, model.Name }.Distinct().OrderByDescending(n => n.Length))
        {
            text = text.Replace(name, "the model", StringComparison.OrdinalIgnoreCase);
        }

        return text;
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length <= 300 ? line : line[..300];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {ModelId} failed to stream")]
    private static partial void LogModelFailed(ILogger logger, Exception exception, string modelId);
}
