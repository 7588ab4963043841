using Arena.Assistant;
using Arena.Datasets.Storage;
using Arena.Datasets.Tools;
using Arena.Ratings.Ledger;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Arena.Datasets;

/// <summary>Registers uploaded datasets: options, the store, the parsed-table cache and the dataset tools.</summary>
public static class DatasetServiceCollectionExtensions
{
    /// <summary>
    /// Datasets kept in the grain state's database (the one the vote ledger is registered with) unless
    /// <see cref="DatasetStoreOptions"/> name another; the table comes with the schema.
    /// </summary>
    public static IServiceCollection AddArenaDatasets(this IServiceCollection services)
    {
        services.AddOptions<DatasetOptions>().BindConfiguration(DatasetOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DatasetStoreOptions>().Configure<IOptions<VoteLedgerOptions>>((store, ledger) =>
        {
            if (string.IsNullOrWhiteSpace(store.ConnectionString))
            {
                store.Kind = ledger.Value.Kind;
                store.ConnectionString = ledger.Value.ConnectionString;
            }
        });
        services.TryAddSingleton<IDatasetStore, AdoNetDatasetStore>();
        services.TryAddSingleton<DatasetTables>();
        return services.AddArenaDatasetTools();
    }

    /// <summary>The seven dataset tools, as <see cref="IAssistantTool"/>s.</summary>
    public static IServiceCollection AddArenaDatasetTools(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAssistantTool, DescribeDatasetTool>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAssistantTool, ColumnStatsTool>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAssistantTool, MissingValuesTool>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAssistantTool, FilterCountTool>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAssistantTool, GroupByTool>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAssistantTool, TopRowsTool>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAssistantTool, CorrelationTool>());
        return services;
    }
}
