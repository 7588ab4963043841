using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Arena.Routing;

/// <summary>Registers the router: the embedder (one per process), the examples and the classifier.</summary>
public static class RouterServices
{
    public static IServiceCollection AddArenaRouter(this IServiceCollection services)
    {
        services.AddOptions<RouterOptions>().BindConfiguration(RouterOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IEmbedder, MiniLmEmbedder>();
        services.AddMetrics();
        services.TryAddSingleton<RouterMetrics>();
        services.TryAddSingleton(sp => new RouteClassifier(
            sp.GetRequiredService<IEmbedder>(),
            RouteExamples.LoadBuiltIn(),
            sp.GetRequiredService<IOptions<RouterOptions>>().Value));
        return services;
    }

    /// <summary>Builds the classifier as the host starts (<see cref="RouterWarmUp"/>); for hosts whose users send messages.</summary>
    public static IServiceCollection AddArenaRouterWarmUp(this IServiceCollection services) =>
        services.AddHostedService<RouterWarmUp>();
}
