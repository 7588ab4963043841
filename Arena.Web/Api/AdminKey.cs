using System.Security.Cryptography;
using System.Text;

namespace Arena.Web.Api;

/// <summary>
/// Guards admin endpoints: the caller sends the key from the environment variable <c>ARENA_ADMIN_KEY</c>
/// in the header <c>X-Admin-Key</c>. Without that variable the admin endpoints are disabled.
/// </summary>
public sealed class AdminKey(IConfiguration configuration) : IEndpointFilter
{
    public const string Variable = "ARENA_ADMIN_KEY";
    public const string Header = "X-Admin-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = configuration[Variable];
        if (string.IsNullOrEmpty(expected))
        {
            return TypedResults.Problem(
                detail: $"Admin endpoints are disabled: set the environment variable {Variable} to enable them.",
                statusCode: StatusCodes.Status404NotFound,
                title: "Not found");
        }

        var given = context.HttpContext.Request.Headers[Header].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected)))
        {
            return TypedResults.Problem(
                detail: string.IsNullOrEmpty(given) ? $"Send the admin key in the {Header} header." : $"The {Header} header does not hold the admin key.",
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized");
        }

        return await next(context);
    }
}
