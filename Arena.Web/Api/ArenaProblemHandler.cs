using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Arena.Web.Api;

/// <summary>Turns a refused request (<see cref="ArenaException"/>) into a ProblemDetails response with a clear detail.</summary>
public sealed class ArenaProblemHandler(IProblemDetailsService problems) : IExceptionHandler
{
    /// <summary>The detail of a request that timed out inside the cluster.</summary>
    public const string BusyDetail = "Arena is too busy to answer this request in time; try again in a few seconds.";

    /// <summary>The detail of a request a failing silo could not serve.</summary>
    public const string RecoveringDetail = "Arena is recovering from a server failure; try again in a few seconds.";

    /// <summary>The detail of a request whose data the database could not read or write (it restarts, or a connection broke).</summary>
    public const string StorageDetail = "Arena could not reach its database just now, so nothing changed; try again in a few seconds.";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is DbException)
        {
            // Grain writes are retried before this; what still fails is an outage of seconds, such as a restart.
            return await WriteUnavailableAsync(httpContext, exception, StorageDetail);
        }

        if (exception is OrleansException or TimeoutException)
        {
            // A grain call that timed out waited behind too much work; an Orleans failure is a silo that died or is
            // being declared dead, which the cluster heals within seconds.
            return await WriteUnavailableAsync(httpContext, exception, exception is TimeoutException ? BusyDetail : RecoveringDetail);
        }

        if (exception is OperationCanceledException && !httpContext.RequestAborted.IsCancellationRequested)
        {
            // Not the user's cancel: the cluster gave up a call it was making for this request. Orleans' distributed
            // directory does so with a lookup that a change of membership overtook (a silo died or joined).
            return await WriteUnavailableAsync(httpContext, exception, RecoveringDetail);
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

    private ValueTask<bool> WriteUnavailableAsync(HttpContext httpContext, Exception exception, string detail)
    {
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "5";
        return problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = "Unavailable", Detail = detail },
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
