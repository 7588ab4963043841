using System.Globalization;
using System.Net.ServerSentEvents;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Arena.Web.Streams;

/// <summary>
/// Writes server-sent events as the battle and assistant streams share them: a <c>retry:</c> hint first, then each
/// event as it comes, and a <c>: heartbeat</c> comment whenever <see cref="EventStreamOptions.HeartbeatInterval"/>
/// passes without one (see <see cref="EventStreamOptions"/>). The events are enumerated with a token that is
/// cancelled when the client goes or a write fails.
/// </summary>
public sealed class EventStreamResult(IAsyncEnumerable<SseItem<string>> events) : IResult
{
    private static readonly byte[] Heartbeat = Encoding.UTF8.GetBytes(": heartbeat\n\n");

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var options = httpContext.RequestServices.GetRequiredService<IOptions<EventStreamOptions>>().Value;
        var time = httpContext.RequestServices.GetRequiredService<TimeProvider>();
        var response = httpContext.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache,no-store";
        response.Headers.Pragma = "no-cache";
        response.Headers.ContentEncoding = "identity";
        // nginx buffers proxied responses unless told not to, which would hold events and heartbeats back.
        response.Headers["X-Accel-Buffering"] = "no";
        httpContext.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();

        var body = response.Body;
        var retry = (long)options.RetryHint.TotalMilliseconds;
        await WriteAsync(body, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"retry: {retry}\n\n")), httpContext.RequestAborted);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted);
        var enumerator = events.GetAsyncEnumerator(stop.Token);
        var next = enumerator.MoveNextAsync().AsTask();
        try
        {
            while (true)
            {
                if (!await next.CompletesWithinAsync(options.HeartbeatInterval, time))
                {
                    await WriteAsync(body, Heartbeat, stop.Token);
                    continue;
                }

                if (!await next)
                {
                    break;
                }

                await WriteAsync(body, Format(enumerator.Current), stop.Token);
                next = enumerator.MoveNextAsync().AsTask();
            }
        }
        finally
        {
            // A write failed or the client went while the next event was awaited: end that wait before disposing
            // the enumerator (an async iterator cannot be disposed mid-move). Its outcome is the cancellation asked
            // for here; the exception that ended the loop is the one that propagates.
            if (!next.IsCompleted)
            {
                await stop.CancelAsync();
                await ((Task)next).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            await enumerator.DisposeAsync();
        }
    }

    /// <summary>One event: <c>event:</c>, <c>id:</c>, and a <c>data:</c> line per line of its data.</summary>
    private static byte[] Format(SseItem<string> item)
    {
        var text = new StringBuilder();
        if (item.EventType is { Length: > 0 } type)
        {
            text.Append("event: ").Append(SingleLine(type)).Append('\n');
        }

        if (item.EventId is { Length: > 0 } id)
        {
            text.Append("id: ").Append(SingleLine(id)).Append('\n');
        }

        foreach (var line in item.Data.ReplaceLineEndings("\n").Split('\n'))
        {
            text.Append("data: ").Append(line).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.Append('\n').ToString());
    }

    private static string SingleLine(string field) => field.AsSpan().IndexOfAny('\r', '\n') < 0
        ? field
        : throw new InvalidOperationException($"An event's type or id holds a line break: '{field}'.");

    private static async Task WriteAsync(Stream body, byte[] bytes, CancellationToken cancellationToken)
    {
        await body.WriteAsync(bytes, cancellationToken);
        await body.FlushAsync(cancellationToken);
    }
}
