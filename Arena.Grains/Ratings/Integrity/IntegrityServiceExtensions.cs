using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Arena.Ratings.Integrity;

/// <summary>Registers the rigging detector's settings and flag store (next to the vote ledger).</summary>
public static class IntegrityServiceExtensions
{
    public static IServiceCollection AddArenaVoteIntegrity(this IServiceCollection services)
    {
        services.AddOptions<IntegrityOptions>().BindConfiguration(IntegrityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IQuarantineStore, AdoNetQuarantineStore>();
        services.TryAddSingleton<VoteIntegrity>();
        return services;
    }
}
