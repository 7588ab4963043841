using System.Net;
using Arena.Web.Tests.Api;
using Arena.Web.Tests.Hosting;

namespace Arena.Web.Tests.Sessions;

/// <summary>
/// New sessions per client address per minute (<c>Arena:RateLimits:NewSessionsPerMinute</c>), over a real Kestrel
/// socket on 127.0.0.1 so that the server sees a client address (the in-memory test server has none).
/// </summary>
public sealed class NewSessionCapTests
{
    [Fact]
    public async Task NewSessions_OverThePerMinuteCap_Answer429WithRetryAfter()
    {
        await using var host = await KestrelArena.StartAsync(new() { ["Arena:RateLimits:Enabled"] = "true", ["Arena:RateLimits:NewSessionsPerMinute"] = "2" });
        using var http = host.CreateClient();
        var first = await MintAsync(http);
        await MintAsync(http);

        using var refused = await http.GetAsync("/api/sessions/me/battles");
        var body = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Empty(SessionCookieTests.SessionCookies(refused));
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.True(retryAfter is { TotalSeconds: >= 1 and <= 60 }, $"Retry-After: {refused.Headers.RetryAfter}");
        var problem = ArenaApi.Parse<ProblemView>(body);
        Assert.Equal(429, problem.Status);
        Assert.Contains("2 new sessions in the last minute", problem.Detail, StringComparison.Ordinal);
        Assert.Contains("NewSessionsPerMinute", problem.Detail, StringComparison.Ordinal);

        // Sessions already issued are not counted, and static files need no session.
        using var kept = host.CreateClient(first);
        Assert.Equal(HttpStatusCode.OK, (await kept.GetAsync("/api/sessions/me/battles")).StatusCode);
        using var asset = await http.GetAsync("/favicon.svg");
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Empty(SessionCookieTests.SessionCookies(asset));
    }

    [Fact]
    public async Task NewSessions_RateLimitsDisabled_AreNotCapped()
    {
        await using var host = await KestrelArena.StartAsync(new() { ["Arena:RateLimits:Enabled"] = "false", ["Arena:RateLimits:NewSessionsPerMinute"] = "1" });
        using var http = host.CreateClient();

        var cookies = new[] { await MintAsync(http), await MintAsync(http), await MintAsync(http) };

        Assert.Equal(3, cookies.Distinct().Count());
    }

    /// <summary>A request without a cookie that must be given a new session; returns its cookie.</summary>
    private static async Task<string> MintAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/api/sessions/me/battles");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return Assert.Single(SessionCookieTests.SessionCookies(response)).Value.ToString();
    }
}
