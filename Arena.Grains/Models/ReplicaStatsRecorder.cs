namespace Arena.Models;

/// <summary>Accumulates one replica's request outcomes for <see cref="ReplicaStats"/>.</summary>
public sealed class ReplicaStatsRecorder(string replica, int window = 1024)
{
    private readonly Dictionary<string, long> _errors = new(StringComparer.Ordinal);
    private readonly SampleWindow _ttft = new(window);
    private readonly SampleWindow _interToken = new(window);
    private readonly SampleWindow _tokensPerSecond = new(window);
    private long _requests;
    private long _succeeded;
    private long _inputTokens;
    private long _outputTokens;
    private double _cost;
    private long _cacheHits;
    private long _cacheSavedInput;
    private long _cacheSavedOutput;
    private double _cacheSavedCost;

    public void RecordSuccess(ModelDefinition model, GenerationCompletion completion)
    {
        _requests++;
        _succeeded++;
        AddUsage(model, completion.InputTokens, completion.OutputTokens);
        _ttft.Add(completion.TimeToFirstTokenMs);
        var streaming = completion.DurationMs - completion.TimeToFirstTokenMs;
        if (completion.OutputTokens > 1 && streaming > 0)
        {
            _interToken.Add(streaming / (completion.OutputTokens - 1));
            _tokensPerSecond.Add((completion.OutputTokens - 1) / (streaming / 1000.0));
        }
    }

    public void RecordFailure(string kind, ModelDefinition model, int inputTokens, int outputTokens)
    {
        _requests++;
        _errors[kind] = _errors.GetValueOrDefault(kind) + 1;
        AddUsage(model, inputTokens, outputTokens);
    }

    /// <summary>An answer replayed from the answer cache: not a request, but the usage it spared.</summary>
    public void RecordCacheHit(ModelDefinition model, GenerationCompletion completion)
    {
        _cacheHits++;
        _cacheSavedInput += completion.InputTokens;
        _cacheSavedOutput += completion.OutputTokens;
        _cacheSavedCost += model.CostOf(completion.InputTokens, completion.OutputTokens);
    }

    public ReplicaStats Snapshot() => new(
        replica,
        _requests,
        _succeeded,
        new Dictionary<string, long>(_errors, StringComparer.Ordinal),
        _inputTokens,
        _outputTokens,
        _cost,
        _ttft.ToArray(),
        _interToken.ToArray(),
        _tokensPerSecond.ToArray(),
        _cacheHits,
        _cacheSavedInput,
        _cacheSavedOutput,
        _cacheSavedCost);

    private void AddUsage(ModelDefinition model, int input, int output)
    {
        _inputTokens += input;
        _outputTokens += output;
        _cost += model.CostOf(input, output);
    }
}
