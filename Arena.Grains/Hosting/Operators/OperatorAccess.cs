using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Arena.Hosting.Operators;

/// <summary>
/// Who may see operational data (replicas, in-flight counts, per-model statistics, <c>/metrics</c>):
/// the holder of the operator key. Endpoints opt in with <c>RequireAuthorization(OperatorAccess.Policy)</c>.
/// </summary>
public static class OperatorAccess
{
    /// <summary>The authorization policy of operator endpoints.</summary>
    public const string Policy = "arena-operator";

    /// <summary>The role an authenticated operator carries.</summary>
    public const string Role = "arena-operator";

    /// <summary>The authentication scheme that reads the key from the request's headers.</summary>
    public const string KeyScheme = "arena-operator-key";

    /// <summary>Where a browser signs in as the operator (served by Arena.Web).</summary>
    public const string SignInPath = "/operator";

    /// <summary>
    /// Adds the key scheme (the default scheme, unless the caller sets another) and the operator policy.
    /// The host must call <c>UseAuthentication</c> and <c>UseAuthorization</c>.
    /// </summary>
    public static AuthenticationBuilder AddArenaOperatorAccess(this IServiceCollection services)
    {
        services.AddSingleton<OperatorKey>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, OperatorAccessResultHandler>();
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.RequireRole(Role));
        return services.AddAuthentication(KeyScheme).AddScheme<AuthenticationSchemeOptions, OperatorKeyHandler>(KeyScheme, null);
    }

    /// <summary>Restricts an endpoint to the operator.</summary>
    public static TBuilder RequireOperator<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.RequireAuthorization(Policy);
}
