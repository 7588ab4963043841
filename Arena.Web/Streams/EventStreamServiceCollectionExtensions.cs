using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Arena.Web.Streams;

public static class EventStreamServiceCollectionExtensions
{
    /// <summary>Binds <see cref="EventStreamOptions"/> to <c>Arena:Streams</c> and checks them on start.</summary>
    public static IServiceCollection AddArenaEventStreams(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IValidateOptions<EventStreamOptions>, EventStreamOptionsValidator>();
        services.AddOptions<EventStreamOptions>().BindConfiguration(EventStreamOptions.Section).ValidateOnStart();
        return services;
    }
}
