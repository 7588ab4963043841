using Arena.Hosting.Operators;
using Arena.Models;
using Arena.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace Arena.Hosting;

/// <summary>
/// Exports Arena's OpenTelemetry instruments for Prometheus. Every host that runs ModelGrains (web
/// silos, and GPU-node silos whose replicas run there) serves its own <c>/metrics</c>, to the operator
/// only (<see cref="OperatorAccess"/>: Prometheus sends the key as a bearer token).
/// </summary>
public static class ArenaMetricsExtensions
{
    public const string ScrapePath = "/metrics";

    public static IServiceCollection AddArenaMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(ModelMetrics.MeterName)
            .AddMeter(RouterMetrics.MeterName)
            // No scrape cache: a scrape right after another must see what happened in between.
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    public static WebApplication MapArenaMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(ScrapePath).RequireOperator();
        return app;
    }
}
