using System.Security.Claims;
using Arena.Hosting.Operators;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Arena.Web.Operators;

/// <summary>
/// The operator's browser sign-in: <c>POST /operator/sign-in</c> with the key sets an HttpOnly cookie
/// protected by ASP.NET Core Data Protection (cookie authentication); <c>POST /operator/sign-out</c> clears
/// it. API clients and Prometheus send the key itself instead (<see cref="OperatorKey"/>).
/// </summary>
public static class OperatorSignIn
{
    /// <summary>The cookie scheme.</summary>
    public const string CookieScheme = "arena-operator-cookie";

    /// <summary>The cookie's name.</summary>
    public const string CookieName = "arena_operator";

    /// <summary>How long a sign-in lasts.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    private const string SelectScheme = "arena-operator";
    private const string FingerprintClaim = "arena:operator-key";

    /// <summary>Adds operator access by key (headers) or by cookie (browsers); a request with a key is judged by the key.</summary>
    public static IServiceCollection AddArenaOperators(this IServiceCollection services)
    {
        services.AddArenaOperatorAccess()
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = Lifetime;
                o.SlidingExpiration = false;
                o.LoginPath = OperatorAccess.SignInPath;
                o.Events.OnValidatePrincipal = RejectIfKeyChangedAsync;
            })
            .AddPolicyScheme(SelectScheme, "Operator key or cookie", o =>
                o.ForwardDefaultSelector = context => OperatorKey.Given(context.Request) is null ? CookieScheme : OperatorAccess.KeyScheme);
        services.Configure<AuthenticationOptions>(o => o.DefaultScheme = SelectScheme);
        return services;
    }

    public static IEndpointRouteBuilder MapOperatorSignIn(this IEndpointRouteBuilder app)
    {
        app.MapPost("/operator/sign-in", SignInAsync).DisableAntiforgery().ExcludeFromDescription();
        app.MapPost("/operator/sign-out", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieScheme);
            return Results.LocalRedirect(OperatorAccess.SignInPath);
        }).DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    /// <summary>Whether the current user is the signed-in operator (or sent the key).</summary>
    public static bool IsOperator(this ClaimsPrincipal user) => user.IsInRole(OperatorAccess.Role);

    private static async Task<IResult> SignInAsync(HttpContext context, OperatorKey key, TimeProvider time)
    {
        if (!key.Enabled)
        {
            return Results.LocalRedirect($"{OperatorAccess.SignInPath}?error=disabled");
        }

        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
        var returnUrl = form?["return_url"].ToString();
        if (!key.Matches(form?["key"].ToString()))
        {
            return Results.LocalRedirect($"{OperatorAccess.SignInPath}?error=wrong-key");
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Role, OperatorAccess.Role), new Claim(FingerprintClaim, key.Fingerprint!)], CookieScheme);
        await context.SignInAsync(CookieScheme, new ClaimsPrincipal(identity), new AuthenticationProperties
        {
            IssuedUtc = time.GetUtcNow(),
            ExpiresUtc = time.GetUtcNow() + Lifetime,
        });
        return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/stats");
    }

    // A changed (or removed) ARENA_OPERATOR_KEY ends every sign-in made with the old one.
    private static async Task RejectIfKeyChangedAsync(CookieValidatePrincipalContext context)
    {
        var key = context.HttpContext.RequestServices.GetRequiredService<OperatorKey>();
        if (!key.Enabled || context.Principal?.FindFirst(FingerprintClaim)?.Value != key.Fingerprint)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieScheme);
        }
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
