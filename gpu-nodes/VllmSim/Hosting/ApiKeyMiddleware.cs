using System.Security.Cryptography;
using System.Text;
using VllmSim.Endpoints;
using VllmSim.Protocol;

namespace VllmSim.Hosting;

/// <summary>Like vLLM's <c>--api-key</c>: every <c>/v1</c> path needs <c>Authorization: Bearer &lt;key&gt;</c>.</summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, SimulatorOptions options)
{
    private readonly byte[]? _expected = string.IsNullOrEmpty(options.ApiKey) ? null : Encoding.UTF8.GetBytes("Bearer " + options.ApiKey);

    public async Task InvokeAsync(HttpContext context)
    {
        if (_expected is not null && context.Request.Path.StartsWithSegments("/v1"))
        {
            var given = Encoding.UTF8.GetBytes(context.Request.Headers.Authorization.ToString());
            if (!CryptographicOperations.FixedTimeEquals(given, _expected))
            {
                await ChatCompletionHandler.WriteErrorAsync(context.Response, SimException.Unauthorized(), context.RequestAborted);
                return;
            }
        }

        await next(context);
    }
}
