using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Arena.Hosting.Operators;

/// <summary>Authenticates a request that carries the operator key (header or bearer token) as the operator.</summary>
public sealed class OperatorKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, OperatorKey key)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var given = OperatorKey.Given(Request);
        if (given is null || !key.Enabled)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!key.Matches(given))
        {
            return Task.FromResult(AuthenticateResult.Fail("The key sent is not the operator key."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Role, OperatorAccess.Role)], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }
}
