using System.Text.Json;
using Arena.Web.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Arena.Web.Tests.Api;

/// <summary>
/// What a request that failed inside the cluster is answered: a grain call that timed out waited behind too much
/// work ("busy"), an Orleans failure is a silo going away ("recovering"), a database error an outage such as a restart
/// (the writes were retried first), a call the cluster canceled during a membership change ("recovering"); all 503 with
/// Retry-After.
/// </summary>
public sealed class ArenaProblemHandlerTests
{
    [Fact]
    public async Task TimedOutGrainCall_Is503SayingArenaIsBusy()
    {
        var (status, retryAfter, detail) = await HandleAsync(new TimeoutException("Response did not arrive on time in 00:00:30"));

        Assert.Equal(503, status);
        Assert.Equal("5", retryAfter);
        Assert.Equal(ArenaProblemHandler.BusyDetail, detail);
    }

    [Fact]
    public async Task SiloFailure_Is503SayingArenaIsRecovering()
    {
        var (status, retryAfter, detail) = await HandleAsync(new SiloUnavailableException("The silo is dead."));

        Assert.Equal(503, status);
        Assert.Equal("5", retryAfter);
        Assert.Equal(ArenaProblemHandler.RecoveringDetail, detail);
    }

    [Fact]
    public async Task CallCanceledInsideTheCluster_Is503SayingArenaIsRecovering()
    {
        // As the fault drill met it: a new battle's directory lookup overtaken by a silo's death answered 500.
        var (status, retryAfter, detail) = await HandleAsync(new OperationCanceledException("The operation was canceled."));

        Assert.Equal(503, status);
        Assert.Equal("5", retryAfter);
        Assert.Equal(ArenaProblemHandler.RecoveringDetail, detail);
    }

    [Fact]
    public async Task CanceledBecauseTheUserLeft_IsNotAnswered()
    {
        using var aborted = new CancellationTokenSource();
        await aborted.CancelAsync();
        var (handled, http) = await TryHandleAsync(new OperationCanceledException(aborted.Token), aborted.Token);

        Assert.False(handled);
        Assert.Equal(200, http.Response.StatusCode);
    }

    [Fact]
    public async Task DatabaseFailure_Is503SayingTheDatabaseCouldNotBeReached()
    {
        var (status, retryAfter, detail) = await HandleAsync(new Npgsql.NpgsqlException("Failed to connect to 127.0.0.1:5432"));

        Assert.Equal(503, status);
        Assert.Equal("5", retryAfter);
        Assert.Equal(ArenaProblemHandler.StorageDetail, detail);
    }

    [Fact]
    public async Task UnavailableWithARetryTime_Is503WithThatRetryAfter()
    {
        var (status, retryAfter, detail) = await HandleAsync(ArenaException.Unavailable("Arena is busy.", TimeSpan.FromSeconds(3)));

        Assert.Equal(503, status);
        Assert.Equal("3", retryAfter);
        Assert.Equal("Arena is busy.", detail);
    }

    private static async Task<(int Status, string RetryAfter, string? Detail)> HandleAsync(Exception exception)
    {
        var (handled, http) = await TryHandleAsync(exception, CancellationToken.None);

        Assert.True(handled);

        http.Response.Body.Position = 0;
        var problem = await JsonDocument.ParseAsync(http.Response.Body);
        return (http.Response.StatusCode, http.Response.Headers.RetryAfter.ToString(), problem.RootElement.GetProperty("detail").GetString());
    }

    /// <summary>Hands <paramref name="exception"/> to the handler for a request whose abort token is <paramref name="requestAborted"/>.</summary>
    private static async Task<(bool Handled, HttpContext Http)> TryHandleAsync(Exception exception, CancellationToken requestAborted)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services, RequestAborted = requestAborted };
        http.Response.Body = new MemoryStream();
        var handler = new ArenaProblemHandler(services.GetRequiredService<IProblemDetailsService>());
        return (await handler.TryHandleAsync(http, exception, CancellationToken.None), http);
    }
}
