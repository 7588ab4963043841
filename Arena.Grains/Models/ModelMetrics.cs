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

    public ModelMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _timeToFirstToken = meter.CreateHistogram<double>("arena.model.time_to_first_token", "ms", "Time from request to the first token.");
        _interToken = meter.CreateHistogram<double>("arena.model.inter_token_latency", "ms", "Mean time between tokens of one answer.");
        _tokens = meter.CreateCounter<long>("arena.model.tokens", "{token}", "Tokens in (direction=input) and out (direction=output).");
        _cost = meter.CreateCounter<double>("arena.model.cost", "USD", "Cost from usage times the configured prices.");
        _requests = meter.CreateCounter<long>("arena.model.requests", "{request}", "Requests by outcome (ok or an error kind).");
        _inFlight = meter.CreateUpDownCounter<long>("arena.model.in_flight", "{request}", "Requests streaming now.");
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

    private void Usage(ModelDefinition model, string replica, int input, int output)
    {
        var tags = Tags(model.Id, replica);
        _tokens.Add(input, [.. tags, new("direction", "input")]);
        _tokens.Add(output, [.. tags, new("direction", "output")]);
        _cost.Add((input * model.InputPricePerMillion + output * model.OutputPricePerMillion) / 1_000_000.0, tags);
    }

    private static KeyValuePair<string, object?>[] Tags(string model, string replica) =>
        [new("model", model), new("replica", replica)];
}
