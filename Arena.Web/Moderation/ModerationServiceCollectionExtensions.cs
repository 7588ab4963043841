using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Arena.Web.Moderation;

/// <summary>Registers prompt moderation: the block list, OpenAI's moderation when its key is set, and the gate over them.</summary>
public static class ModerationServiceCollectionExtensions
{
    public static IServiceCollection AddArenaModeration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ModerationOptions>().BindConfiguration(ModerationOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ModerationOptions>, ModerationOptionsValidator>();
        services.AddSingleton<ModerationMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(ModerationMetrics.MeterName));

        // The order of registration is the order of the checks: the cheap local list first.
        services.AddSingleton<IPromptModerator, BlockListModerator>();
        var openAi = configuration.GetSection(OpenAiModerationOptions.Section).Get<OpenAiModerationOptions>() ?? new OpenAiModerationOptions();
        if (openAi.ReadApiKey() is { } key)
        {
            services.AddHttpClient(OpenAiModerator.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan); // OpenAi:Timeout bounds each check
            services.AddSingleton<IPromptModerator>(sp => new OpenAiModerator(
                sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<IOptions<ModerationOptions>>(), sp.GetRequiredService<TimeProvider>(), key));
        }

        services.AddSingleton<PromptModeration>();
        services.PostConfigure<ProblemDetailsOptions>(o =>
        {
            var previous = o.CustomizeProblemDetails;
            o.CustomizeProblemDetails = context =>
            {
                previous?.Invoke(context);
                if (context.Exception?.Data[PromptModeration.RefusalKey] is ModerationRefusal refusal)
                {
                    context.ProblemDetails.Extensions["moderation"] = new { source = refusal.Source, categories = refusal.Categories };
                }
            };
        });
        return services;
    }
}
