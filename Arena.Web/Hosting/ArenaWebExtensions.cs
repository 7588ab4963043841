using System.Text.Json;
using System.Text.Json.Serialization;
using Arena.Hosting;
using Arena.Web.Models;
using Arena.Web.Api;
using Arena.Web.Assistant;
using Arena.Web.Battles;
using Arena.Web.Capacity;
using Arena.Web.Chat;
using Arena.Ratings.Integrity;
using Arena.Routing;
using Arena.Web.Datasets;
using Arena.Web.Integrity;
using Arena.Web.Ledger;
using Arena.Web.Moderation;
using Arena.Web.Operators;
using Arena.Web.Security;
using Arena.Web.Limits;
using Arena.Web.Sessions;
using Arena.Web.Stats;
using Arena.Web.Streams;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Arena.Hosting.Operators;
using Orleans.Dashboard;

namespace Arena.Web.Hosting;

/// <summary>Composes the web host: the co-hosted silo, the API, and the services between them.</summary>
public static class ArenaWebExtensions
{
    /// <summary>Registers the silo (for the configured profile), the battle service and the API's plumbing.</summary>
    public static WebApplicationBuilder AddArenaWeb(this WebApplicationBuilder builder)
    {
        // `dotnet run` starts in Production, where the framework's scripts (blazor.web.js) are served
        // from the build's static web assets only when asked to; published output has them anyway.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddOptions<BattleLimits>().BindConfiguration(BattleLimits.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddArenaSessions(builder.Configuration);
        builder.Services.AddArenaModeration(builder.Configuration);
        builder.Services.AddArenaRateLimits();
        builder.Services.AddOptions<CapacityOptions>().BindConfiguration(CapacityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<StartAdmission>();
        builder.Services.AddArenaEventStreams();
        builder.Services.AddSingleton<BattleService>();
        builder.Services.AddSingleton<ClientAddress>();
        builder.Services.AddArenaVoteIntegrity();
        builder.Services.AddSingleton<AssistantService>();
        builder.Services.AddSingleton<ChatService>();
        builder.Services.AddSingleton<ModelService>();
        builder.Services.AddSingleton<RatingHistory>();
        builder.Services.AddSingleton<StatsService>();
        builder.Services.AddArenaOpenApi();
        builder.Services.AddSingleton<BattleImporter>();
        builder.Services.AddSingleton<DatasetService>();
        builder.Services.AddArenaMetrics();
        builder.Services.AddArenaRouterWarmUp(); // users' messages arrive here; GPU silos never load MiniLM
        builder.Services.AddArenaOperators();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ArenaProblemHandler>();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            // One spelling for the whole API: snake_case names and enum values (dictionary keys, e.g. model ids, stay as they are).
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });

        builder.UseOrleans(silo => silo.AddArenaProfile(builder.Configuration).AddArenaGrains());
        return builder;
    }

    /// <summary>Where operators find the Orleans Dashboard.</summary>
    public const string DashboardPath = "/operator/dashboard";

    /// <summary>Adds the middleware and endpoints, and announces the address once Arena is ready.</summary>
    public static WebApplication MapArena(this WebApplication app)
    {
        app.UseArenaForwardedHeaders();
        app.UseArenaSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseArenaSession();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseArenaRateLimits();
        app.MapOperatorSignIn();
        app.MapBattleApi();
        app.MapLeaderboardApi();
        app.MapModelApi();
        app.MapLedgerApi();
        app.MapRouteApi();
        app.MapAssistantApi();
        app.MapDatasetApi();
        app.MapChatApi();
        app.MapStatsApi();
        app.MapIntegrityApi();
        app.MapArenaOpenApi();
        app.MapArenaMetrics();
        app.MapOrleansDashboard(DashboardPath).RequireOperator(); // the cluster's grains and silos, for operators only

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            Console.WriteLine($"Arena is ready at {string.Join(", ", addresses)}");
        });
        return app;
    }
}
