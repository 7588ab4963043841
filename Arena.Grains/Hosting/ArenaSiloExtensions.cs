using Arena.Assistant;
using Arena.Datasets;
using Arena.Models;
using Arena.Models.Cache;
using Arena.Placement;
using Arena.Ratings;
using Arena.Routing;
using Arena.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using Orleans.Serialization;

namespace Arena.Hosting;

/// <summary>Registers Arena's grains' services, options and streams on a silo.</summary>
public static class ArenaSiloExtensions
{
    /// <summary>Everything Arena's grains need except grain storage and clustering, which the profile chooses.</summary>
    public static ISiloBuilder AddArenaGrains(this ISiloBuilder silo)
    {
        // Events are pushed: the grain's publish is one awaited call to the channel's implicit subscriber (see
        // EventWatchersGrain), with no queue and no pulling agent in between. Fire-and-forget delivery would queue
        // events without bound and reorder them (measured by the stream-options benchmark).
        silo.AddBroadcastChannel(ArenaNames.EventChannels, channel => channel.FireAndForgetDelivery = false);
        silo.Services.AddArenaGrainServices();
        silo.Services.AddArenaExceptionSerialization();
        silo.Services.AddOptions<UndeliveredCallRetryOptions>().BindConfiguration(UndeliveredCallRetryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        silo.AddOutgoingGrainCallFilter<UndeliveredCallRetryFilter>(); // calls to a silo that just died wait for a survivor
        silo.AddArenaModelPlacement(); // ModelGrain's placement filter must be known to every silo.
        silo.AddDashboard(); // every silo reports its grains' figures; Arena.Web serves the page to operators
        return silo;
    }

    /// <summary>
    /// The source of chance grains draw from (the pair of models in a blind battle): the runtime's shared generator,
    /// unless the host registered its own first. Grains draw from it on many threads at once, so a replacement must be
    /// safe to share (a plain <c>new Random(seed)</c> is not).
    /// </summary>
    public static IServiceCollection AddArenaRandom(this IServiceCollection services)
    {
#pragma warning disable RS0030 // the one place the shared generator is named; everything else receives it
        services.TryAddSingleton(Random.Shared);
#pragma warning restore RS0030
        return services;
    }

    /// <summary>
    /// A write that failed in PostgreSQL reaches a caller on another silo as itself, not as a codec error (Orleans
    /// serializes only the exceptions of the namespaces it lists): the web host then answers 503, not 500.
    /// </summary>
    public static IServiceCollection AddArenaExceptionSerialization(this IServiceCollection services) =>
        services.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("Npgsql"));

    /// <summary>The services grains use: model catalog and client, rating options, the clock and chance.</summary>
    public static IServiceCollection AddArenaGrainServices(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddArenaRandom();
        services.AddOptions<ModelCatalogOptions>().BindConfiguration(ModelCatalogOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ModelCatalogOptions>, ModelCatalogValidation>();
        services.AddOptions<EloOptions>().BindConfiguration(EloOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RatingsOptions>().BindConfiguration(RatingsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StateWriteOptions>().BindConfiguration(StateWriteOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<GenerationOptions>().BindConfiguration(GenerationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ModelCatalog>();
        services.AddOptions<ModelHealthOptions>().BindConfiguration(ModelHealthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddArenaModelClient();
        services.AddHttpClient(HttpModelProbe.HttpClientName);
        services.TryAddSingleton<IModelProbe, HttpModelProbe>();
        services.AddMetrics();
        services.TryAddSingleton<ModelMetrics>();
        services.TryAddSingleton<ModelDirectory>();
        services.AddSingleton<ModelHealthMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<ModelHealthMonitor>());
        services.AddArenaRouter();
        services.AddArenaAssistant();
        services.AddArenaDatasets();
        return services;
    }
}
