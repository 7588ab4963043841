using Arena.Ratings.Ledger;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Arena.Models.Cache;

/// <summary>Registers the model client with the answer cache around it.</summary>
public static class AnswerCacheServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="IChatModelClient"/> as the OpenAI SDK client behind <see cref="CachingChatModelClient"/>; the
    /// cache's table lives in the grain state's database (the vote ledger's) unless <see cref="AnswerCacheStoreOptions"/> name another.
    /// </summary>
    public static IServiceCollection AddArenaModelClient(this IServiceCollection services)
    {
        services.AddOptions<AnswerCacheOptions>().BindConfiguration(AnswerCacheOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AnswerCacheStoreOptions>().Configure<IOptions<VoteLedgerOptions>>((store, ledger) =>
        {
            if (string.IsNullOrWhiteSpace(store.ConnectionString))
            {
                store.Kind = ledger.Value.Kind;
                store.ConnectionString = ledger.Value.ConnectionString;
            }
        });
        services.TryAddSingleton<IAnswerCacheStore, AdoNetAnswerCacheStore>();
        services.TryAddSingleton<OpenAiChatModelClient>();
        services.TryAddSingleton<IChatModelClient>(sp =>
            ActivatorUtilities.CreateInstance<CachingChatModelClient>(sp, sp.GetRequiredService<OpenAiChatModelClient>()));
        return services;
    }
}
