using System.Security.Cryptography;

namespace Arena.Web.Sessions;

/// <summary>
/// Identifies the user by an opaque, random session cookie. Browsers and API clients keep it alike;
/// the battles a session starts belong to it.
/// </summary>
public static class SessionCookie
{
    public const string Name = "arena_session";
    private const string ItemKey = "arena.session";

    /// <summary>Ensures every request has a session id, issuing a new cookie when it is missing or malformed.</summary>
    public static IApplicationBuilder UseArenaSession(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var id = context.Request.Cookies[Name];
        if (!IsWellFormed(id))
        {
            id = NewId();
            context.Response.Cookies.Append(Name, id, new CookieOptions
            {
                HttpOnly = true,
                IsEssential = true,
                SameSite = SameSiteMode.Lax,
                Secure = context.Request.IsHttps,
                MaxAge = TimeSpan.FromDays(365),
            });
        }

        context.Items[ItemKey] = id;
        await next(context);
    });

    /// <summary>The session id of the current request.</summary>
    public static string GetSessionId(this HttpContext context) =>
        context.Items[ItemKey] as string
        ?? throw new InvalidOperationException("UseArenaSession must run before the session id is read.");

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static bool IsWellFormed(string? id) =>
        id is { Length: 32 } && id.All(char.IsAsciiHexDigitLower);
}
