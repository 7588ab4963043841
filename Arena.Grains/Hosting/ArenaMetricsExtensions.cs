using Arena.Models;
using Arena.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace Arena.Hosting;

/// <summary>
/// Exports Arena's OpenTelemetry instruments for Prometheus. Every host that runs ModelGrains (web
/// silos, and GPU-node silos whose replicas run there) serves its own <c>/metrics</c>.
/// </summary>
public static class ArenaMetricsExtensions
{
    public const string ScrapePath = "/metrics";

    public static IServiceCollection AddArenaMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(ModelMetrics.MeterName)
            .AddMeter(RouterMetrics.MeterName)
            .AddPrometheusExporter());
        return services;
    }

    public static WebApplication MapArenaMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(ScrapePath);
        return app;
    }
}
