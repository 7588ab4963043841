using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Arena.Routing;

/// <summary>
/// Builds the classifier (MiniLM loaded, its examples embedded) as the host starts, beside it, so a fresh silo's
/// first message does not pay for it: that took over 5 s on a loaded machine, and a browser's first battle timed out
/// behind it in CI. A message that comes sooner waits for the same construction; nothing is built twice.
/// </summary>
public sealed partial class RouterWarmUp(IServiceProvider services, ILogger<RouterWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // off the host's start: the server listens meanwhile
        var clock = Stopwatch.StartNew();
        try
        {
            services.GetRequiredService<RouteClassifier>();
            LogReady(logger, clock.ElapsedMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not cached by the container: the first message builds it again and its caller hears the error.
            LogFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Router ready: MiniLM loaded and the examples embedded in {Milliseconds} ms")]
    private static partial void LogReady(ILogger logger, long milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Router warm-up failed; the first message will try again")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
