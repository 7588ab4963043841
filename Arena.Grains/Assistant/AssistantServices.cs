using Arena.Assistant.Tools;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Arena.Assistant;

/// <summary>Registers the assistant: its options, model choice and client, the loop, and the arena tools.</summary>
public static class AssistantServices
{
    public static IServiceCollection AddArenaAssistant(this IServiceCollection services)
    {
        services.AddOptions<AssistantOptions>().BindConfiguration(AssistantOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<AssistantModels>();
        services.TryAddSingleton<IAssistantModelClient, OpenAiAssistantClient>();
        services.TryAddSingleton<AssistantLoop>();
        services.TryAddSingleton<ArenaToolChoices>();
        services.AddSingleton<IAssistantTool, GetLeaderboardTool>();
        services.AddSingleton<IAssistantTool, GetModelStatsTool>();
        services.AddSingleton<IAssistantTool, HeadToHeadTool>();
        services.AddSingleton<IAssistantTool, VoteCountsTool>();
        return services;
    }
}
