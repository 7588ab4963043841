using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace Arena.Hosting.Operators;

/// <summary>
/// Answers a refused operator request with ProblemDetails that say what to do: 404 while no key is
/// configured (the endpoints are closed), 401 when the key is missing or wrong. Other policies keep
/// the framework's default handling.
/// </summary>
public sealed class OperatorAccessResultHandler(OperatorKey key) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded || !IsOperatorPolicy(policy))
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var given = OperatorKey.Given(context.Request);
        var (status, detail) = !key.Enabled
            ? (StatusCodes.Status404NotFound, $"Operator endpoints are disabled: set the environment variable {OperatorKey.Variable} to enable them, then send the key in the {OperatorKey.Header} header or as Authorization: Bearer <key>.")
            : given is null
                ? (StatusCodes.Status401Unauthorized, $"This is an operator endpoint: send the operator key in the {OperatorKey.Header} header or as Authorization: Bearer <key> (in a browser, sign in at {OperatorAccess.SignInPath}).")
                : (StatusCodes.Status401Unauthorized, $"The key sent is not the operator key (the {OperatorKey.Variable} this server was started with).");
        await Results.Problem(detail: detail, statusCode: status, title: status == StatusCodes.Status404NotFound ? "Not found" : "Unauthorized").ExecuteAsync(context);
    }

    private static bool IsOperatorPolicy(AuthorizationPolicy policy) =>
        policy.Requirements.OfType<RolesAuthorizationRequirement>().Any(r => r.AllowedRoles.Contains(OperatorAccess.Role));
}
