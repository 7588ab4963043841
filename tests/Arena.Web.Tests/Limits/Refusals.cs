using System.Net;
using System.Text;
using Arena.Web.Tests.Api;

namespace Arena.Web.Tests.Limits;

/// <summary>Sends the requests of the limit tests and checks their refusals.</summary>
public static class Refusals
{
    /// <summary>A request as its own message, so it can be sent again.</summary>
    public static HttpRequestMessage Request(string method, string path, string? json = null) => new(new HttpMethod(method), path)
    {
        Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json"),
    };

    /// <summary>Sends <paramref name="times"/> requests that the limit must let through (any answer but 429).</summary>
    public static async Task AllowedAsync(HttpClient http, int times, Func<HttpRequestMessage> request)
    {
        for (var i = 0; i < times; i++)
        {
            using var response = await http.SendAsync(request());
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode != HttpStatusCode.TooManyRequests, $"Request {i + 1} of {times} was refused: {body}");
        }
    }

    /// <summary>Sends one request that must be refused with 429, a Retry-After of whole seconds (unless <paramref name="retry"/> is false), and a ProblemDetails.</summary>
    public static async Task<ProblemView> RefusedAsync(HttpClient http, HttpRequestMessage request, bool retry = true)
    {
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.TooManyRequests, $"Expected 429, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (retry)
        {
            var retryAfter = response.Headers.RetryAfter?.Delta;
            Assert.True(retryAfter is { } wait && wait >= TimeSpan.FromSeconds(1), $"Retry-After is '{response.Headers.RetryAfter}'");
        }
        else
        {
            Assert.Null(response.Headers.RetryAfter);
        }

        var problem = ArenaApi.Parse<ProblemView>(body);
        Assert.Equal(429, problem.Status);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
        return problem;
    }
}
