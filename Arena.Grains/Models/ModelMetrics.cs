using System.Diagnostics.Metrics;

namespace Arena.Models;

/// <summary>OpenTelemetry instruments of the model tier (meter <c>Arena.Models</c>), tagged by model and replica.</summary>
public sealed class ModelMetrics
{
    public const string MeterName = "Arena.Models";

    private readonly Histogram<double> _timeToFirstToken;
    private readonly Histogram<double> _interToken;
    private readonly Counter<long> _tokens;
    private readonly Counter<double> _cost;
    private readonly Counter<long> _requests;
    private readonly UpDownCounter<long> _inFlight;
    private readonly Counter<long> _cacheLookups;
    private readonly Counter<long> _cacheStores;
    private readonly Counter<long> _cacheHits;
    private readonly Counter<long> _cacheSavedTokens;
    private readonly Counter<double> _cacheSavedCost;

    public ModelMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _timeToFirstToken = meter.CreateHistogram<double>("arena.model.time_to_first_token", "ms", "Time from request to the first token.");
        _interToken = meter.CreateHistogram<double>("arena.model.inter_token_latency", "ms", "Mean time between tokens of one answer.");
        _tokens = meter.CreateCounter<long>("arena.model.tokens", "{token}", "Tokens in (direction=input) and out (direction=output).");
        _cost = meter.CreateCounter<double>("arena.model.cost", "USD", "Cost from usage times the configured prices.");
        _requests = meter.CreateCounter<long>("arena.model.requests", "{request}", "Requests by outcome (ok or an error kind).");
        _inFlight = meter.CreateUpDownCounter<long>("arena.model.in_flight", "{request}", "Requests streaming now.");
        _cacheLookups = meter.CreateCounter<long>("arena.model.cache.lookups", "{lookup}", "Answer cache look-ups by result (hit, miss or error).");
        _cacheStores = meter.CreateCounter<long>("arena.model.cache.stores", "{answer}", "Answers recorded in the answer cache, by result (ok or error).");
        _cacheHits = meter.CreateCounter<long>("arena.model.cache.hits", "{answer}", "Answers replayed from the answer cache to the end.");
        _cacheSavedTokens = meter.CreateCounter<long>("arena.model.cache.saved_tokens", "{token}", "Tokens not sent (direction=input) or generated (direction=output) thanks to the answer cache.");
        _cacheSavedCost = meter.CreateCounter<double>("arena.model.cache.saved_cost", "USD", "The saved tokens times the configured prices.");
    }

    public void Started(string model, string replica) => _inFlight.Add(1, Tags(model, replica));

    public void Finished(string model, string replica) => _inFlight.Add(-1, Tags(model, replica));

    public void Succeeded(ModelDefinition model, string replica, GenerationCompletion completion)
    {
        var tags = Tags(model.Id, replica);
        _requests.Add(1, [.. tags, new("outcome", "ok")]);
        _timeToFirstToken.Record(completion.TimeToFirstTokenMs, tags);
        if (completion.OutputTokens > 1)
        {
            _interToken.Record((completion.DurationMs - completion.TimeToFirstTokenMs) / (completion.OutputTokens - 1), tags);
        }

        Usage(model, replica, completion.InputTokens, completion.OutputTokens);
    }

    public void Failed(ModelDefinition model, string replica, string kind, int inputTokens, int outputTokens)
    {
        _requests.Add(1, [.. Tags(model.Id, replica), new("outcome", kind)]);
        Usage(model, replica, inputTokens, outputTokens);
    }

    /// <summary>An answer cache look-up: <c>hit</c>, <c>miss</c> or <c>error</c> (the model was asked).</summary>
    public void CacheLookup(string model, string result) => _cacheLookups.Add(1, [new("model", model), new("result", result)]);

    /// <summary>An answer recorded (<c>ok</c>) or not, because the database failed (<c>error</c>).</summary>
    public void CacheStored(string model, string result) => _cacheStores.Add(1, [new("model", model), new("result", result)]);

    /// <summary>A cached answer replayed to its end: what the model was spared.</summary>
    public void CacheHit(ModelDefinition model, string replica, GenerationCompletion completion)
    {
        var tags = Tags(model.Id, replica);
        _cacheHits.Add(1, tags);
        _cacheSavedTokens.Add(completion.InputTokens, [.. tags, new("direction", "input")]);
        _cacheSavedTokens.Add(completion.OutputTokens, [.. tags, new("direction", "output")]);
        _cacheSavedCost.Add(model.CostOf(completion.InputTokens, completion.OutputTokens), tags);
    }

    private void Usage(ModelDefinition model, string replica, int input, int output)
    {
        var tags = Tags(model.Id, replica);
        _tokens.Add(input, [.. tags, new("direction", "input")]);
        _tokens.Add(output, [.. tags, new("direction", "output")]);
        _cost.Add(model.CostOf(input, output), tags);
    }

    private static KeyValuePair<string, object?>[] Tags(string model, string replica) =>
        [new("model", model), new("replica", replica)];
}
