using System.ClientModel;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Arena.Placement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Arena.Models;

/// <summary>
/// One replica of a model (key <c>model</c> or <c>model@node</c>). It streams completions from its
/// endpoint through the OpenAI SDK, up to the model's concurrency limit, with first-token and idle
/// timeouts and bounded waiting through 429/503 back-pressure. It probes its endpoint on a timer,
/// keeps a circuit breaker and statistics, and reports them to the health board.
/// </summary>
[Reentrant]
[ModelReplicaPlacement]
public sealed partial class ModelGrain(
    ModelCatalog catalog,
    IChatModelClient client,
    IModelProbe probe,
    ModelMetrics metrics,
    IServiceProvider services,
    ILocalSiloDetails silo,
    IOptions<GenerationOptions> generation,
    IOptions<ModelHealthOptions> health,
    TimeProvider time,
    ILogger<ModelGrain> logger) : Grain, IModelGrain
{
    private ReplicaKey _key;
    private ModelDefinition? _model;
    private Uri? _endpoint;
    private string? _endpointProblem;
    private SemaphoreSlim _slots = null!;
    private CircuitBreaker _breaker = null!;
    private ReplicaStatsRecorder _stats = null!;
    private int _inFlight;
    private DateTimeOffset? _lastProbeAt;
    private bool _probing;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = ReplicaKey.Parse(this.GetPrimaryKeyString());
        _model = catalog.Find(_key.ModelId);
        _breaker = new CircuitBreaker(health.Value.FailureThreshold);
        _stats = new ReplicaStatsRecorder(_key.GrainKey);
        _slots = new SemaphoreSlim(_model?.MaxConcurrency ?? 1);
        (_endpoint, _endpointProblem) = ResolveEndpoint();
        if (_model is not null && _endpoint is not null)
        {
            this.RegisterGrainTimer(ProbeAsync, TimeSpan.Zero, health.Value.ProbeInterval);
        }

        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<GenerationChunk> GenerateAsync(
        GenerationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var model = _model ?? throw ArenaException.NotFound($"No model '{_key.ModelId}' is configured.");
        if (_endpoint is null)
        {
            yield return Failed(model, new ModelFailure(ModelFailure.Unreachable, "The model has no endpoint on this node."), 0, 0);
            yield break;
        }

        if (!await _slots.WaitAsync(generation.Value.QueueTimeout, cancellationToken))
        {
            yield return Failed(model, new ModelFailure(ModelFailure.Busy, "The model is busy with other requests; try again in a moment."), 0, 0);
            yield break;
        }

        _inFlight++;
        metrics.Started(model.Id, _key.GrainKey);
        // Stops the HTTP stream when the caller stops reading, whether or not it cancelled.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            var options = generation.Value;
            var started = time.GetTimestamp();
            var updates = Channel.CreateUnbounded<ModelUpdate>(new UnboundedChannelOptions { SingleWriter = true });
            var sized = request with { MaxOutputTokens = request.MaxOutputTokens ?? options.MaxOutputTokens };
            // Read the HTTP stream on the thread pool, so that many answers do not queue on this activation.
            var pump = Task.Run(() => PumpAsync(model, _endpoint, sized, updates.Writer, stop.Token), CancellationToken.None);

            double? firstTokenMs = null;
            var outputTokens = 0;
            var batches = TokenBatcher.ReadBatchesAsync(updates.Reader, options.FlushInterval, options.MaxBatchTokens, time, cancellationToken);
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
                    yield return Failed(model, error, batch.Final.InputTokens ?? 0, outputTokens) with { Text = batch.Text, Tokens = batch.Tokens };
                }
                else if (batch.Final is { FinishReason: not null } final)
                {
                    var elapsed = time.GetElapsedTime(started).TotalMilliseconds;
                    var completion = new GenerationCompletion(
                        final.FinishReason, final.InputTokens ?? 0, final.OutputTokens ?? outputTokens, firstTokenMs ?? elapsed, elapsed, final.Cached);
                    RecordCompletion(model, completion);
                    yield return new GenerationChunk(batch.Text, batch.Tokens, completion);
                }
                else
                {
                    var failure = new ModelFailure(ModelFailure.Incomplete, "The model server ended the stream before the answer was finished.");
                    yield return Failed(model, failure, batch.Final?.InputTokens ?? 0, outputTokens) with { Text = batch.Text, Tokens = batch.Tokens };
                }
            }

            await pump;
        }
        finally
        {
            await stop.CancelAsync();
            _inFlight--;
            metrics.Finished(model.Id, _key.GrainKey);
            _slots.Release();
        }
    }

    public Task<ReplicaStatus> GetStatusAsync()
    {
        var (state, reason) = (_model, _endpoint, _breaker.IsOpen) switch
        {
            (null, _, _) => (ReplicaHealth.Failing, $"No model '{_key.ModelId}' is configured."),
            (_, null, _) => (ReplicaHealth.Failing, _endpointProblem),
            (_, _, true) => (ReplicaHealth.Failing, _breaker.LastFailure),
            _ => (ReplicaHealth.Healthy, null),
        };
        return Task.FromResult(new ReplicaStatus(
            _key.GrainKey, _key.Node, silo.SiloAddress.ToString(), state, reason, _inFlight, _model?.MaxConcurrency ?? 0, _lastProbeAt));
    }

    public Task<ReplicaStats> GetStatsAsync() => Task.FromResult(_stats.Snapshot());

    private (Uri? Endpoint, string? Problem) ResolveEndpoint()
    {
        if (_model is null)
        {
            return (null, $"No model '{_key.ModelId}' is configured.");
        }

        var url = _key.Node is null
            ? _model.ResolvedBaseUrl
            : services.GetService<INodeEndpoints>()?.EndpointFor(_key.ModelId);
        return url is null
            ? (null, _key.Node is null ? "The model has no base URL and no GPU node serves it." : $"Node {_key.Node} has no endpoint for the model.")
            : (new Uri(url), null);
    }

    private async Task ProbeAsync(CancellationToken cancellationToken)
    {
        if (_probing || _model is null || _endpoint is null)
        {
            return;
        }

        _probing = true;
        try
        {
            using var timeout = new CancellationTokenSource(health.Value.ProbeTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            var problem = await probe.ProbeAsync(_model, _endpoint, linked.Token);
            _lastProbeAt = time.GetUtcNow();
            if (problem is null)
            {
                _breaker.RecordSuccess();
            }
            else
            {
                _breaker.RecordFailure(ModelFailure.Redact(problem, _model));
                LogProbeFailed(logger, _key.GrainKey, problem);
            }
        }
        finally
        {
            _probing = false;
        }
    }

    /// <summary>A live answer counts as a request and a success; a replayed one only as a cache hit (the endpoint was not asked).</summary>
    private void RecordCompletion(ModelDefinition model, GenerationCompletion completion)
    {
        if (completion.Cached)
        {
            _stats.RecordCacheHit(model, completion);
            metrics.CacheHit(model, _key.GrainKey, completion);
            return;
        }

        _breaker.RecordSuccess();
        _stats.RecordSuccess(model, completion);
        metrics.Succeeded(model, _key.GrainKey, completion);
    }

    private GenerationChunk Failed(ModelDefinition model, ModelFailure failure, int inputTokens, int outputTokens)
    {
        if (failure.Kind != ModelFailure.Stopped)
        {
            _breaker.RecordFailure(failure.Message);
        }

        _stats.RecordFailure(failure.Kind, model, inputTokens, outputTokens);
        metrics.Failed(model, _key.GrainKey, failure.Kind, inputTokens, outputTokens);
        return new GenerationChunk("", 0, Error: failure.Message, ErrorKind: failure.Kind);
    }

    /// <summary>
    /// Streams from the server into the channel. Before the first token, 429 and 503 are waited out
    /// (honouring Retry-After) until the queue timeout; a silent server hits the token timeouts.
    /// </summary>
    private async Task PumpAsync(ModelDefinition model, Uri endpoint, GenerationRequest request, ChannelWriter<ModelUpdate> writer, CancellationToken cancellationToken)
    {
        var options = generation.Value;
        var waitUntil = time.GetUtcNow() + options.QueueTimeout;
        for (var attempt = 0; ; attempt++)
        {
            using var watchdog = new CancellationTokenSource(options.FirstTokenTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(watchdog.Token, cancellationToken);
            var sawToken = false;
            try
            {
                await foreach (var update in client.StreamAsync(model, endpoint, request, linked.Token))
                {
                    sawToken |= update.Text.Length > 0;
                    watchdog.CancelAfter(sawToken ? options.IdleTokenTimeout : options.FirstTokenTimeout);
                    await writer.WriteAsync(update, cancellationToken);
                }

                writer.TryComplete();
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Complete(writer, new ModelFailure(ModelFailure.Stopped, "The answer was stopped."));
                return;
            }
            catch (OperationCanceledException) when (watchdog.IsCancellationRequested)
            {
                Complete(writer, sawToken
                    ? new ModelFailure(ModelFailure.IdleTimeout, $"The model stopped sending tokens for {options.IdleTokenTimeout.TotalSeconds:0.#} s.")
                    : new ModelFailure(ModelFailure.FirstTokenTimeout, $"The model did not start answering within {options.FirstTokenTimeout.TotalSeconds:0.#} s."));
                return;
            }
            catch (ClientResultException ex) when (ex.Status is 429 or 503 && !sawToken && BackOff(ex, attempt) is var delay && time.GetUtcNow() + delay < waitUntil)
            {
                LogBackPressure(logger, _key.GrainKey, ex.Status, delay.TotalMilliseconds);
                await Task.Delay(delay, time, cancellationToken);
            }
            catch (Exception ex)
            {
                LogModelFailed(logger, ex, _key.GrainKey);
                Complete(writer, ModelFailure.From(ex, model));
                return;
            }
        }
    }

    private static void Complete(ChannelWriter<ModelUpdate> writer, ModelFailure failure)
    {
        writer.TryWrite(new ModelUpdate("", Error: failure));
        writer.TryComplete();
    }

    /// <summary>The server's Retry-After when it gives one, else exponential from 250 ms, at most 5 s.</summary>
    private static TimeSpan BackOff(ClientResultException exception, int attempt)
    {
        if (exception.GetRawResponse()?.Headers.TryGetValue("Retry-After", out var value) == true
            && double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(Math.Min(seconds, 30));
        }

        return TimeSpan.FromMilliseconds(Math.Min(250 * Math.Pow(2, attempt), 5000));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model replica {Replica} failed to stream")]
    private static partial void LogModelFailed(ILogger logger, Exception exception, string replica);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model replica {Replica} answered {Status}; waiting {DelayMs} ms for a slot")]
    private static partial void LogBackPressure(ILogger logger, string replica, int status, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model replica {Replica} failed its probe: {Problem}")]
    private static partial void LogProbeFailed(ILogger logger, string replica, string problem);
}
