using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Arena.Web.Api;

/// <summary>Turns a refused request (<see cref="ArenaException"/>) into a ProblemDetails response with a clear detail.</summary>
public sealed class ArenaProblemHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OrleansException or TimeoutException)
        {
            // A silo died or is being declared dead: the cluster heals itself within seconds.
            httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            httpContext.Response.Headers.RetryAfter = "5";
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                Exception = exception,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Title = "Unavailable",
                    Detail = "Arena is recovering from a server failure; try again in a few seconds.",
                },
            });
        }

        if (exception is not ArenaException arena)
        {
            return false;
        }

        var status = StatusOf(arena.Kind);
        httpContext.Response.StatusCode = status;
        if (arena.RetryAfter is { } retryAfter)
        {
            httpContext.Response.Headers.RetryAfter = Limits.RetryAfter.Seconds(retryAfter);
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = TitleOf(arena.Kind), Detail = arena.Message },
        });
    }

    public static int StatusOf(ArenaErrorKind kind) => kind switch
    {
        ArenaErrorKind.Invalid => StatusCodes.Status400BadRequest,
        ArenaErrorKind.NotFound => StatusCodes.Status404NotFound,
        ArenaErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ArenaErrorKind.Conflict => StatusCodes.Status409Conflict,
        ArenaErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        ArenaErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status500InternalServerError,
    };

    private static string TitleOf(ArenaErrorKind kind) => kind switch
    {
        ArenaErrorKind.Invalid => "Invalid request",
        ArenaErrorKind.NotFound => "Not found",
        ArenaErrorKind.Forbidden => "Not allowed",
        ArenaErrorKind.Conflict => "Conflict",
        ArenaErrorKind.Unavailable => "Unavailable",
        ArenaErrorKind.TooManyRequests => Limits.RetryAfter.Title,
        _ => "Error",
    };
}
