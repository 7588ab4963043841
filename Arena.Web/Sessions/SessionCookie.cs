using System.Globalization;
using Arena.Web.Limits;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.StaticAssets;

namespace Arena.Web.Sessions;

/// <summary>
/// Identifies the user by the <c>arena_session</c> cookie, which carries a server-issued random id protected
/// by Data Protection (<see cref="SessionTokens"/>); browsers and API clients keep it alike, and the battles a
/// session starts belong to it. A missing, malformed, client-chosen, altered or foreign cookie is never
/// accepted: the request gets a new session instead, within the per-address cap on new sessions.
/// </summary>
public static partial class SessionCookie
{
    public const string Name = "arena_session";
    private const string ItemKey = "arena.session";

    /// <summary>
    /// Gives every request a session: the one its cookie carries, or a new one (a new cookie). Static assets
    /// get none, so they load whatever the cap says. An address over the cap is answered 429 with Retry-After.
    /// </summary>
    public static IApplicationBuilder UseArenaSession(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var services = context.RequestServices;
        var tokens = services.GetRequiredService<SessionTokens>();
        var cookie = context.Request.Cookies[Name];
        var id = tokens.Unprotect(cookie);
        if (id is null && context.GetEndpoint()?.Metadata.GetMetadata<StaticAssetDescriptor>() is null)
        {
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SessionCookie));
            if (cookie is not null)
            {
                LogCookieRefused(logger);
            }

            var limiter = services.GetRequiredService<NewSessionLimiter>();
            var address = context.Connection.RemoteIpAddress;
            var (allowed, retryAfter) = limiter.TryMint(address);
            if (!allowed)
            {
                LogNewSessionRefused(logger, ClientIdentity.PartitionOf(address), limiter.Limit);
                await RefuseAsync(context, limiter.Limit, retryAfter);
                return;
            }

            id = SessionTokens.NewId();
            context.Response.Cookies.Append(Name, tokens.Protect(id), new CookieOptions
            {
                HttpOnly = true,
                IsEssential = true,
                SameSite = SameSiteMode.Lax,
                Secure = context.Request.IsHttps,
                MaxAge = TimeSpan.FromDays(365),
            });
        }

        if (id is not null)
        {
            context.Items[ItemKey] = id;
        }

        await next(context);
    });

    /// <summary>The session id of the current request.</summary>
    public static string GetSessionId(this HttpContext context) =>
        context.Items[ItemKey] as string
        ?? throw new InvalidOperationException("UseArenaSession must run before the session id is read (static assets have no session).");

    private static async Task RefuseAsync(HttpContext context, int limit, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many new sessions",
                Detail = $"This address was given {limit} new sessions in the last minute, the most allowed (Arena:RateLimits:NewSessionsPerMinute). "
                    + $"Keep the arena_session cookie you were given and send it with every request, or retry in {seconds} s.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A session cookie was refused (malformed, altered, or not issued by this key ring); a new session is issued")]
    private static partial void LogCookieRefused(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "New session refused for {Address}: over {Limit} new sessions per minute")]
    private static partial void LogNewSessionRefused(ILogger logger, string address, int limit);
}
