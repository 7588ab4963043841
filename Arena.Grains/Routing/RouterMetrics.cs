using System.Diagnostics.Metrics;

namespace Arena.Routing;

/// <summary>
/// OpenTelemetry instruments of the router (meter <c>Arena.Router</c>), for decisions in the chat flow; Prometheus
/// shows them as <c>arena_router_decisions_total{route,category}</c> and <c>arena_router_confidence_bucket</c>.
/// </summary>
public sealed class RouterMetrics
{
    public const string MeterName = "Arena.Router";

    private readonly Counter<long> _decisions;
    private readonly Histogram<double> _confidence;
    private readonly Counter<long> _overrides;

    public RouterMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _decisions = meter.CreateCounter<long>("arena.router.decisions", "{decision}", "Messages routed, by route and category.");
        _confidence = meter.CreateHistogram<double>("arena.router.confidence", null, "The router's confidence in its route (0..1).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0] });
        _overrides = meter.CreateCounter<long>("arena.router.overrides", "{decision}", "Messages the user sent to the arena although the router chose the assistant.");
    }

    public void Decided(RoutingRecord record)
    {
        KeyValuePair<string, object?>[] tags = [new("route", record.Route), new("category", record.Category)];
        _decisions.Add(1, tags);
        _confidence.Record(record.Confidence, tags);
        if (record.Overridden)
        {
            _overrides.Add(1, tags);
        }
    }
}
