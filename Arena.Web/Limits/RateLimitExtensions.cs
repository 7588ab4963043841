using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Arena.Web.Limits;

/// <summary>Registers and applies the limits: forwarded headers from known proxies only, and the rate-limiter policies over <see cref="ArenaRateLimiter"/>.</summary>
public static class RateLimitExtensions
{
    /// <summary>Binds <c>Arena:RateLimits</c> and <c>Arena:ForwardedHeaders</c> (validated on start) and adds the gate and one policy per action.</summary>
    public static IServiceCollection AddArenaRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        services.AddOptions<ForwardedHeadersSettings>().BindConfiguration(ForwardedHeadersSettings.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((options, settings) =>
        {
            // The framework trusts loopback by default; Arena trusts only the proxies it is told of.
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = settings.Value.ForwardLimit;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in settings.Value.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in settings.Value.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ArenaRateLimiter>();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) => WriteRefusalAsync(context.HttpContext, ArenaRateLimiter.Refusal(context.Lease));
        });
        services.AddOptions<RateLimiterOptions>().Configure<ArenaRateLimiter, TimeProvider>((options, gate, time) =>
        {
            foreach (var action in LimitedActions.All)
            {
                options.AddPolicy(action.PolicyName(), new ArenaRatePolicy(action, gate, time));
            }
        });
        return services;
    }

    /// <summary>Believes <c>X-Forwarded-For</c>/<c>-Proto</c> from the configured proxies; runs first, so the session cookie and the limits see the client.</summary>
    public static IApplicationBuilder UseArenaForwardedHeaders(this IApplicationBuilder app)
    {
        // With no known proxies at all the framework's middleware would believe every peer's headers: leave it out.
        var settings = app.ApplicationServices.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value;
        return settings.KnownProxies.Length == 0 && settings.KnownNetworks.Length == 0 ? app : app.UseForwardedHeaders();
    }

    /// <summary>Applies the policies; after the session middleware, since partitions need the session id.</summary>
    public static IApplicationBuilder UseArenaRateLimits(this IApplicationBuilder app) => app.UseRateLimiter();

    /// <summary>Limits an endpoint as <paramref name="action"/>, per client address and per session.</summary>
    public static RouteHandlerBuilder RequireArenaLimit(this RouteHandlerBuilder builder, LimitedAction action) =>
        builder.RequireRateLimiting(action.PolicyName()).ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static async ValueTask WriteRefusalAsync(HttpContext context, ArenaException refusal)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        if (refusal.RetryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = RetryAfter.Seconds(wait);
        }

        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = RetryAfter.Title, Detail = refusal.Message },
        });
    }
}
